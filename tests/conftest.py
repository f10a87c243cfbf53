"""Shared test configuration: database fixtures live in tests/dbfixtures.py."""

pytest_plugins = ["tests.dbfixtures"]
