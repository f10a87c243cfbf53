"""Alembic migrations, packaged with dwcrawler as `dwcrawler.migrations`."""
