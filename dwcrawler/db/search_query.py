"""The search language of `dwcrawler search`, parsed once and rendered for each backend.

Words are all required (`treni reli`); `"a phrase"` must appear as is; `OR` between two terms
accepts either; `-word` excludes; `neno*` matches words starting with "neno". Punctuation is
never syntax: `'; DROP TABLE articles; --` searches for the words "drop", "table" and
"articles". The rendered SQLite FTS5 expression quotes every term, and PostgreSQL receives each
term as a bound parameter, so no input can change the query's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32
# 'simple': lower-case only, no stemming or stop words (PostgreSQL has no Swahili dictionary).
PG_CONFIG = "simple"

_TOKEN = re.compile(r'(-?)(?:"([^"]*)"|([^\s"]+))')
_WORD = re.compile(r"\w+")

TermKind = Literal["word", "phrase", "prefix"]


class SearchQueryError(ValueError):
    """A search query that cannot be searched; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """One searched term: a word, a phrase (words in order) or a word prefix."""

    kind: TermKind
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """All `groups` must match (each group: any of its terms); no `excluded` term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def _term(phrase: str | None, bare: str | None) -> Term | None:
    text = phrase if phrase is not None else bare or ""
    words = tuple(_WORD.findall(text))
    if not words:
        return None  # punctuation only: nothing to search
    if phrase is None and len(words) == 1 and text.endswith("*"):
        return Term("prefix", words)
    return Term("word" if len(words) == 1 else "phrase", words)


def parse_query(query: str) -> ParsedQuery:
    """Parse a query; raise `SearchQueryError` if it is malformed or has nothing to search."""
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(f"query too long ({len(query)} characters, at most 500)")
    if query.count('"') % 2:
        raise SearchQueryError('unbalanced double quote (") in the query')
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = bool(match.group(1)), match.group(2), match.group(3)
        if not negated and phrase is None and bare == "OR":
            if not groups or pending_or:
                raise SearchQueryError("OR needs a search term on both sides")
            pending_or = True
            continue
        term = _term(phrase, bare)
        if term is None:
            continue
        if negated:
            if pending_or:
                raise SearchQueryError("OR cannot join an excluded (-) term")
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise SearchQueryError("OR needs a search term on both sides")
    if not groups:
        if excluded:
            raise SearchQueryError("the query only excludes (-) terms; add a word to search for")
        raise SearchQueryError("the query has no words to search for")
    if sum(map(len, groups)) + len(excluded) > MAX_TERMS:
        raise SearchQueryError(f"too many search terms (at most {MAX_TERMS})")
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def _fts5_term(term: Term) -> str:
    # Terms hold only \w characters, so no double quote needs escaping inside the string.
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + "*" if term.kind == "prefix" else quoted


def fts5_expression(parsed: ParsedQuery) -> str:
    """Render the query as an SQLite FTS5 MATCH expression (every term quoted)."""
    groups = ["(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in parsed.groups]
    expression = "(" + " AND ".join(groups) + ")"
    for term in parsed.excluded:
        expression += f" NOT {_fts5_term(term)}"
    return expression


def _pg_term(term: Term) -> Any:
    text = " ".join(term.words)
    # Folded like the index (migrations: `articles.search_vector`), so "Kenya" finds "Kénya".
    if term.kind == "prefix":
        return func.to_tsquery(PG_CONFIG, func.dwcrawler_unaccent(f"'{text}':*"))
    if term.kind == "phrase":
        return func.phraseto_tsquery(PG_CONFIG, func.dwcrawler_unaccent(text))
    return func.plainto_tsquery(PG_CONFIG, func.dwcrawler_unaccent(text))


def postgres_tsquery(parsed: ParsedQuery) -> Any:
    """Render the query as a PostgreSQL `tsquery` expression built from bound parameters."""
    combined: Any = None
    for group in parsed.groups:
        alternatives = _pg_term(group[0])
        for term in group[1:]:
            alternatives = func.tsquery_or(alternatives, _pg_term(term))
        combined = alternatives if combined is None else func.tsquery_and(combined, alternatives)
    for term in parsed.excluded:
        combined = func.tsquery_and(combined, func.tsquery_not(_pg_term(term)))
    return combined
