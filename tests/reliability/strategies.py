"""Hypothesis strategies for the property-based tests: text with boilerplate in it, page
mutations, DW-like documents built from DW's own tags and classes, arbitrary article items.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from dwcrawler.items import ArticleItem, BodyBlock, PhotoItem
from tests.reliability.mutations import DATA_KINDS, TREE_KINDS, Mutation
from tests.reliability.properties import PHRASES

# Text without what lxml cannot hold (control characters, surrogates): the tree mutations
# write it into nodes; the string-level ones (cuts, page-data bytes) take anything.
CHARS = st.characters(exclude_categories=("Cs", "Cc"))
TEXT = st.one_of(
    st.sampled_from(PHRASES),
    st.text(CHARS, max_size=60),
    st.tuples(st.text(CHARS, max_size=20), st.sampled_from(PHRASES)).map("".join),
    st.tuples(st.sampled_from(PHRASES), st.text(CHARS, max_size=20)).map("".join),
)
INDEX = st.integers(min_value=0, max_value=10**6)
TREE_MUTATION = st.builds(
    Mutation, kind=st.sampled_from(TREE_KINDS), target=INDEX, other=INDEX, text=TEXT
)
DATA_MUTATION = st.builds(
    Mutation, kind=st.sampled_from(DATA_KINDS), target=INDEX, other=INDEX, text=st.text(max_size=2)
)
TAGS = ["div", "p", "h1", "h2", "span", "figure", "figcaption", "small", "img", "a", "section"]
CLASSES = ["rich-text", "copyright", "teaser-text", "author", "longText", "picBox", "kicker", ""]
LEAF = st.one_of(st.text(CHARS, max_size=30), st.sampled_from(PHRASES))
NODE = st.recursive(
    LEAF,
    lambda children: st.builds(
        lambda tag, cls, alt, kids: (
            f'<{tag} class="{cls}" alt="{alt}" data-id="{len(kids)}">{"".join(kids)}</{tag}>'
        ),
        st.sampled_from(TAGS),
        st.sampled_from(CLASSES),
        st.sampled_from(PHRASES),
        st.lists(children, max_size=4),
    ),
    max_leaves=25,
)


def dw_like_document(head: str, body: str, state: str | None) -> str:
    script = f"<script>window.__APOLLO_STATE__={state};</script>" if state is not None else ""
    return f"<html><head>{head}</head><body><div id=root><article>{body}</article></div>{script}"


HEADS = st.sampled_from(
    [
        '<link rel="canonical" href="https://www.dw.com/sw/habari/a-68117411">',
        "<title>Habari \u2013 DW \u2013 30.01.2024</title>",
        '<link rel="canonical" href="https://www.dw.com/sw/x/a-99999999999999999999">',
        '<link rel="canonical" href="https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588">',
        "",
    ]
)
STATES = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda v: st.lists(v, max_size=3) | st.dictionaries(st.text(max_size=8), v, max_size=3),
        max_leaves=10,
    ).map(lambda v: json.dumps({"ROOT_QUERY": v})),
)


PHOTO = st.builds(
    PhotoItem,
    position=st.integers(0, 5),
    role=st.sampled_from(["hero", "inline", "gallery"]),
    image_id=st.none() | st.integers(1, 5),
    url=st.just("https://static.dw.com/image/1_605.jpg"),
    alt=st.none() | st.sampled_from(PHRASES) | TEXT,
    caption=st.none() | TEXT,
    credit=st.none() | TEXT,
)
ITEM = st.builds(
    ArticleItem,
    dw_id=st.just(68117411),
    url=st.just("https://www.dw.com/sw/habari/a-68117411"),
    kind=st.sampled_from(["article", "video", "gallery"]),
    language=st.just("sw"),
    design=st.sampled_from(["current", "classic"]),
    title=TEXT.filter(str.strip),
    teaser=st.none() | TEXT,
    kicker=st.none() | TEXT,
    authors=st.lists(TEXT, max_size=3).map(tuple),
    body=st.lists(
        st.builds(BodyBlock, st.sampled_from(["paragraph", "subheading", "quote"]), TEXT),
        max_size=6,
    ).map(tuple),
    photos=st.lists(PHOTO, max_size=3).map(tuple),
)
