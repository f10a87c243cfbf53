"""Browsing the archive in a web browser: Datasette over the SQLite archive, read-only.

Datasette is an optional dependency (the `browse` extra); nothing here imports it at module
level except `plugin` and `app`, which only `dwcrawler serve` loads.
"""
