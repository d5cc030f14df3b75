"""Administrators' account pages.

Routes in :mod:`web.admin.views` and :mod:`web.admin.change_pages`, rules in :mod:`web.admin.service`
and :mod:`web.admin.changes`.
"""
