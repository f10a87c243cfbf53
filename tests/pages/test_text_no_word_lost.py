"""Never lose a word of a text: each is in the item, or on a line the reader dropped and counted.

For any text (lines a DW rendering shows, in any order, mixed with lines of any words) the raw
item `read_text` gives holds every word of every line, except the lines it dropped as furniture;
those it counts, one each, under their rule, and `cleaning` is exactly that count. The labels
the schema takes off a value ("Picha:" before a credit, "Kiungo cha kudumu" before a
permalink) and the words joining author names ("na", " | ") are the only other words that go.
Cleaning then removes whole blocks only, each counted once.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dwcrawler.cleaning.furniture import every
from dwcrawler.cleaning.text import normalize_inline
from dwcrawler.extraction import extract_text
from dwcrawler.pages import PageError
from dwcrawler.pages.text import lay_out, read_text
from dwcrawler.urls import parse_content_url
from tests.reliability import profile
from tests.sitegen import render_page, synthetic_spec
from tests.sitegen import words as W
from tests.sitegen.fixtures import FIXTURES
from tests.sitegen.markup import SW_MONTHS
from tests.support.textrender import render_text

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

URL = "https://www.dw.com/sw/kim-jong-un-kukutana-na-putin/a-48456789"
# Words the schema takes off a value, that join author names, or that name DW itself (never an
# author): never content of their own.
LABELS = {
    w.casefold()
    for field in ("credit_labels", "permalink_labels", "name_joiners")
    for phrase in every(field)
    for w in re.findall(r"[^\W\d_]+", phrase)
} | {"dw", "deutsche", "welle"}


# A credit label glued to a caption's last word ("UrusiPicha: …") is a word of its own.
GLUED_LABEL = re.compile(rf"(?<=\w)(?=(?:{'|'.join(every('credit_labels'))})\s*:)")


def tokens(text: str) -> list[str]:
    """Words as runs of letters and runs of digits ("Robi2" is "Robi" and "2")."""
    flat = GLUED_LABEL.sub(" ", normalize_inline(text))
    return [t.casefold() for t in re.findall(r"[^\W\d_]+|\d+", flat)]


def held(item: ArticleItem) -> set[str]:
    """Every word the raw item holds, the date and the clock written as a page writes them."""
    texts = [item.title, item.kicker or "", item.teaser or "", item.permalink or ""]
    texts += [*item.authors, *item.editors, *(b.text for b in item.body)]
    texts += [t or "" for p in item.photos for t in (p.alt, p.caption, p.credit)]
    if item.published_at is not None:
        day = item.published_at
        texts.append(f"{day.day} {day.day:02d} {SW_MONTHS[day.month - 1]} {day.month:02d}")
        texts.append(str(day.year))
    if item.duration_seconds is not None:
        hours, rest = divmod(item.duration_seconds, 3600)
        texts.append(f"{hours} {rest // 60} {rest // 60:02d} {rest % 60:02d}")
    return {t for text in texts for t in tokens(text)}


def check_no_word_lost(text: str, url: str = URL) -> ArticleItem | None:
    """Assert the property for one text; return the raw item (None if the text is refused)."""
    try:
        item = read_text(text, url)
    except PageError as refused:
        why = str(refused)
        if "no title found" in why or "nothing of a DW page" in why:
            return None  # refused as a whole: nothing is stored, nothing is lost
        raise
    ref = parse_content_url(url)
    assert ref is not None
    layout = lay_out(text, ref.language, ref.slug, media=ref.kind in {None, "video", "audio"})
    dropped = Counter(line for _, line in layout.dropped)
    assert Counter(rule for rule, _ in layout.dropped) == Counter(item.cleaning)
    have = held(item)
    for raw in text.splitlines():
        line = normalize_inline(raw)
        if not line:
            continue
        if dropped[line]:
            dropped[line] -= 1  # a counted furniture line: its words are accounted for
            continue
        lost = [t for t in tokens(line) if t not in have and t not in LABELS]
        assert not lost, (line, lost)
    return item


# Lines a DW text shows, and lines of any words.
WORDS = sorted({w for s in (*W.SENTENCES, *W.ALTS, *W.CAPTIONS) for w in s.split()})
DW_LINES = (
    "1. Nenda kwenye maudhui",
    "2. Nenda kwenye orodha kuu",
    "3. Nenda tovuti zaidi za DW",
    "Nenda kwenye maudhui",
    "1. Inhalt",
    "5. Suche",
    "Matangazo",
    "Siasa",
    "Kim Jong Un kukutana na Putin",
    "Kim Jong Un kukutana na Putin \u2013 DW \u2013 24.04.2019",
    "Kim Jong Un kukutana na Putin | Matukio ya Afrika | DW | 24.04.2019",
    "24 Aprili 2019",
    "Caro Robi24 Aprili 2019",
    "Caro Robi | Josephat Charo",
    "24.04.2019",
    "01:05",
    "This browser does not support the video element.",
    "https://p.dw.com/p/17Ltz",
    "Kiungo cha kudumu https://p.dw.com/p/17Ltz",
    "Kombibild - Vladimir Putin und Kim Jong Un",
    "Picha: picture-alliance/AP Photo/B. Curtis",
    "Rais Putin akimkaribisha Kim Jong Un baada ya kuwasili UrusiPicha: Reuters/S. Zhumatov",
    "Tansania Gauck Besuch Sansibar (DW/E. Shoo)",
    "Historia ya mzozo",
    "Soma pia: Wasikilizaji na miaka 50 ya DW",
    "Mwandishi: Caro Robi na Josephat Charo",
    "Mhariri: Mohammed Khelef",
    "ao/gm (afp, rtr)",
    "Sikiliza sauti 42:35",
    "Ruka sehemu inayofuata Taarifa kuu ya DW",
    "Taarifa kuu ya DW",
    "Sauti na Vidio Kuhusu Mada",
    "©2024 Deutsche WelleKuhusu sisi",
    "...",
    "4. Kitu kingine",
    "Caro Robi | DW",
    "Hatuwezi kusubiri tena.Picha: DW",
    "Sasa moja kwa moja",
    *W.SENTENCES[:6],
)
any_line = st.one_of(
    st.sampled_from(DW_LINES),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40),
)


@settings(profile())
@given(lines=st.lists(any_line, max_size=30))
@example(lines=["Kim Jong Un kukutana na Putin | Matukio ya Afrika | DW | 24.04.2019", "Mada"])
@example(lines=["1. Nenda kwenye maudhui", "01:05", "01:06", "Kichwa", "24 Aprili 2019"])
@example(
    lines=["Kim Jong Un \u2013 DW \u2013 24.04.2019", "Siasa", "Kichwa kingine", "24 Aprili 2019"]
)
def test_every_word_of_any_text_is_held_or_counted(lines):
    check_no_word_lost("\n".join(lines))


REPLICAS = {
    **FIXTURES,
    **{f"synthetic-{n}": synthetic_spec(n, 5) for n in range(20)},
}


@pytest.mark.parametrize("name", sorted(REPLICAS))
def test_no_word_of_a_replica_text_is_lost_and_cleaning_counts_each_block_once(name):
    spec = REPLICAS[name]
    text = render_text(render_page(spec))
    raw = check_no_word_lost(text, spec.url)
    assert raw is not None
    item = extract_text(text, spec.url)
    added = Counter(item.cleaning) - Counter(raw.cleaning)
    # Each block cleaning removes is counted once, under one rule; the reader's counts stay.
    assert Counter(item.cleaning) >= Counter(raw.cleaning)
    assert sum(added.values()) == len(raw.body) - len(item.body)
