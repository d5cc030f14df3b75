"""Each role's landing page.

Routes in :mod:`web.home.views`, the summaries in :mod:`web.home.service`.
"""
