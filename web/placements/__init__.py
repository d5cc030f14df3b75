"""Placements: the counsellor's board, employers' introductions, programme filling.

Routes in :mod:`web.placements.views`, rules in :mod:`web.placements.service`, programme filling in
:mod:`web.placements.cohorts`, the pipeline's states in :mod:`web.placements.pipeline`.
"""
