"""Cooperative books: meetings, passbooks, the share-out, measures and the plan against the books.

Routes in :mod:`web.books.views`, rules and storage in :mod:`web.books.service`.
"""
