"""Counsellors' pages for the people they support.

Routes in :mod:`web.people.views`, rules in :mod:`web.people.service`.
"""
