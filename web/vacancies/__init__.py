"""Employers' vacancies and programmes, and counsellors' safety review.

Routes in :mod:`web.vacancies.views`, rules in :mod:`web.vacancies.service`.
"""
