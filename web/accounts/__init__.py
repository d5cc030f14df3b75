"""Accounts: signing in and out, the second factor, the language choice.

Routes in :mod:`web.accounts.views` (sign-in), :mod:`web.accounts.totp` (second factor) and
:mod:`web.accounts.language`; password and sign-in rules in :mod:`web.accounts.service`.
"""
