"""Database errors in words a user can act on: a damaged archive is named as such.

SQLite reports damage as SQLITE_CORRUPT or SQLITE_NOTADB ("database disk image is malformed",
"file is not a database"); PostgreSQL as SQLSTATE XX001 (data corrupted) or XX002 (index
corrupted). Every command, and the crawl, says "the archive is damaged (…): run `dwcrawler
doctor`" for those, and "database error: …" for the rest.
"""

from __future__ import annotations

DOCTOR_COMMAND = "dwcrawler doctor"
_SQLITE_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_POSTGRES_DAMAGE = frozenset({"XX001", "XX002"})
_DAMAGE_WORDS = (
    "database disk image is malformed",
    "file is not a database",
    "malformed database schema",
)


def _origin(error: BaseException) -> BaseException:
    """Return the driver's exception behind a SQLAlchemy one (or the error itself)."""
    orig = getattr(error, "orig", None)
    return orig if isinstance(orig, BaseException) else error


def first_line(error: object) -> str:
    """Return the first line of an error's text (its class name if it has none)."""
    text = str(_origin(error) if isinstance(error, BaseException) else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def is_damage(error: BaseException) -> bool:
    """Return True if a database error says the archive's storage is damaged."""
    orig = _origin(error)
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    if name.startswith(_SQLITE_DAMAGE):
        return True
    if getattr(orig, "sqlstate", None) in _POSTGRES_DAMAGE:
        return True
    text = str(orig).lower()
    return any(words in text for words in _DAMAGE_WORDS)


DOCTOR_ADVICE = f"run `{DOCTOR_COMMAND}`"
# What `dwcrawler doctor` itself advises for a damaged archive.
RESTORE_ADVICE = "restore it from a backup (docs/operations.md)"


def damage_message(error: object, advice: str = DOCTOR_ADVICE) -> str:
    """Return the line for a damaged archive: what was found, and what to do."""
    return f"the archive is damaged ({first_line(error)}): {advice}"


def fatal_problem(error: BaseException) -> str:
    """Return the line for a database error a crawl cannot go on after: what, and what to run."""
    if is_damage(error):
        return damage_message(error)
    return (
        f"the archive failed the run (database error: {first_line(error)}): run `{DOCTOR_COMMAND}`"
    )


def database_problem(error: BaseException, advice: str = DOCTOR_ADVICE) -> str:
    """Return one line for a database error: damage named as such, anything else as it is."""
    if is_damage(error):
        return damage_message(error, advice)
    return f"database error: {first_line(error)}"
