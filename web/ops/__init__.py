"""Operations on a whole database: data-key rotation, encrypted backup and restore.

Plain functions over a SQLAlchemy :class:`~sqlalchemy.Engine`, free of Flask, called by
the ``pathways keys``, ``pathways backup`` and ``pathways restore`` commands.
"""
