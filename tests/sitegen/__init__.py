"""A generator of realistic DW Kiswahili pages from a spec (the truth), for tests and replicas.

spec = synthetic_spec(7, seed=1)          # or a hand-written PageSpec
html = render_page(spec)                  # current or classic design, any kind
expected = expected_dict(spec)            # what `dwcrawler extract` must print
render_page(replace(spec, drop_captions=True))   # the same page after a "redesign"
render_page(revise(spec, 0, "Aya mpya."))        # the same page with an edited paragraph
"""

from __future__ import annotations

from tests.sitegen.classic import render_classic
from tests.sitegen.current import render_current
from tests.sitegen.expected import expected_dict
from tests.sitegen.spec import (
    Embed,
    Extra,
    InlinePhoto,
    Link,
    MediaSpec,
    PageSpec,
    PhotoSpec,
    PostSpec,
    Raw,
    Teaser,
    Text,
    TopicSpec,
    revise,
)
from tests.sitegen.synthetic import synthetic_spec, synthetic_url


def render_page(spec: PageSpec) -> str:
    """Render the page a spec describes, in its design."""
    return render_current(spec) if spec.design == "current" else render_classic(spec)


__all__ = [
    "Embed",
    "Extra",
    "InlinePhoto",
    "Link",
    "MediaSpec",
    "PageSpec",
    "PhotoSpec",
    "PostSpec",
    "Raw",
    "Teaser",
    "Text",
    "TopicSpec",
    "expected_dict",
    "render_page",
    "revise",
    "synthetic_spec",
    "synthetic_url",
]
