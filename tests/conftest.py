"""Shared test configuration: database fixtures live in tests/support/dbfixtures.py."""

pytest_plugins = ["tests.support.dbfixtures"]
