"""Counsellors' labour-market pages.

Routes in :mod:`web.market.views`, rules in :mod:`web.market.service`, the groundings prepared ahead in
:mod:`web.market.data`.
"""
