"""Cooperative pages.

Routes in :mod:`web.coop.views`, rules in :mod:`web.coop.service` and the modules beside it.
"""
