"""The ``pathways`` commands that need the application or its database (``serve``, ``demo``, ``keys``, ...).

The dispatcher and the commands over the libraries live in the top-level ``cli`` package, which
names these modules as strings and imports one only when its command runs.
"""
