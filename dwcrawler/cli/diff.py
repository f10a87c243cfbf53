"""`dwcrawler show ID --diff`: a unified diff of an article's clean text between two revisions.

A revision's content snapshot becomes lines of text: the title, the byline, the teaser, the
body blocks (subheadings as `## …`, quotes as `> …`) and each photo's caption and credit.
Prose is split into one sentence per line, so an edit of one word shows as one changed
sentence, not a whole changed paragraph. On a terminal the diff is coloured.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import TYPE_CHECKING, Any

from dwcrawler.cli.common import CliError, archive_session
from dwcrawler.cli.output import colour_wanted, to_json
from dwcrawler.db.queries import revision_contents, revision_numbers

if TYPE_CHECKING:
    import argparse

    from dwcrawler.db.queries import RevisionContent

# A sentence ends with . ! ? or … (maybe followed by a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'\u201d\u2019»)\]])\s+")
RED, GREEN, CYAN, BOLD, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[0m"


def sentences(text: str) -> list[str]:
    """Split prose into sentences (white space folded); one line per sentence in a diff."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


def text_lines(snapshot: dict[str, Any]) -> list[str]:
    """Return the clean text of a content snapshot as diffable lines."""
    lines = [f"# {snapshot.get('title') or ''}", ""]
    for role in ("authors", "editors"):
        if snapshot.get(role):
            lines.append(f"{role}: {'; '.join(snapshot[role])}")
    if snapshot.get("teaser"):
        lines += ["", *sentences(snapshot["teaser"])]
    for block in snapshot.get("body", []):
        lines.append("")
        if block["type"] == "subheading":
            lines.append(f"## {block['text']}")
        else:
            prefix = "> " if block["type"] == "quote" else ""
            lines += [prefix + sentence for sentence in sentences(block["text"])]
    photos = snapshot.get("photos", [])
    captions, credits = snapshot.get("captions", []), snapshot.get("credits", [])
    for number, (photo, caption, credit) in enumerate(
        zip(photos, captions, credits, strict=False), start=1
    ):
        lines += ["", f"[photo {number}, {photo['role']}, {photo['photo']}]"]
        lines += sentences(caption) if caption else ["(no caption)"]
        lines.append(f"credit: {credit}" if credit else "credit: (none)")
    return lines


def _label(dw_id: int, content: RevisionContent) -> str:
    cause = "" if content.cause == "fetch" else f", {content.cause}"
    return f"a-{dw_id} revision {content.revision} ({content.fetched_at.isoformat()}{cause})"


def unified(dw_id: int, old: RevisionContent, new: RevisionContent) -> list[str]:
    """Return the unified diff (no line ends) of two revisions' clean text."""
    return list(
        difflib.unified_diff(
            text_lines(old.snapshot),
            text_lines(new.snapshot),
            fromfile=_label(dw_id, old),
            tofile=_label(dw_id, new),
            lineterm="",
        )
    )


def colour(line: str) -> str:
    """Return a diff line in the colours `git diff` uses."""
    if line.startswith(("---", "+++")):
        return f"{BOLD}{line}{RESET}"
    if line.startswith("@@"):
        return f"{CYAN}{line}{RESET}"
    if line.startswith("-"):
        return f"{RED}{line}{RESET}"
    if line.startswith("+"):
        return f"{GREEN}{line}{RESET}"
    return line


def _pair(dw_id: int, wanted: list[int], have: list[int]) -> list[int]:
    """Return the two revisions to compare; refuse what cannot be compared."""
    if len(wanted) > 2:
        raise CliError("--diff takes at most two revision numbers", status=2)
    if not have:
        raise CliError(f"article {dw_id} is not in the archive")
    if len(have) == 1:
        raise CliError(f"article {dw_id} has one revision only: nothing to compare")
    pair = wanted if len(wanted) == 2 else [*wanted, have[-1]] if wanted else have[-2:]
    unknown = [n for n in pair if n not in have]
    if unknown:
        raise CliError(f"article {dw_id} has revisions 1 to {have[-1]}, not {unknown[0]}")
    return pair


def show_diff(args: argparse.Namespace, dw_id: int) -> int:
    """Print the diff `dwcrawler show ID --diff [A [B]]` asks for; return the exit status."""
    with archive_session(args.database, command=args.command) as session:
        pair = _pair(dw_id, args.diff, revision_numbers(session, dw_id))
        old, new = revision_contents(session, dw_id, pair)
    lines = unified(dw_id, old, new)
    if args.format == "json":
        ends = [
            {"revision": c.revision, "fetched_at": c.fetched_at, "cause": c.cause}
            for c in (old, new)
        ]
        record = {"dw_id": dw_id, "from": ends[0], "to": ends[1], "diff": lines}
        sys.stdout.write(to_json(record) + "\n")
        return 0
    if not lines:
        print(f"revisions {old.revision} and {new.revision} have the same text")
        return 0
    painted = colour_wanted()
    sys.stdout.writelines((colour(line) if painted else line) + "\n" for line in lines)
    return 0
