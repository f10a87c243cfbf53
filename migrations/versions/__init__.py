"""Revision scripts, one linear chain (Alembic skips this file)."""
