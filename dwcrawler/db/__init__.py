"""The archive database: models, engine, migrations, the write side and the read side."""
