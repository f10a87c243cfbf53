"""The documented examples work as written against the `make demo` archive.

`EXAMPLES` is the list docs/reading.md shows (and the README copies): each line is run as is,
in-process, with `DWCRAWLER_DATABASE_URL` naming a demo archive built by `tools.demo.build`
(two real crawls of the replica, with DW's edits between them), and must exit 0 and show
what it is there to show.
"""

import shlex
from pathlib import Path

import pytest

from tests.support.clihelpers import run
from tests.support.paths import ROOT
from tools.demo import EDITED, NEW_TITLE, RETITLED, build

pytestmark = pytest.mark.slow

# (command line, text its output, or the file it writes, must contain)
EXAMPLES = [
    ("dwcrawler stats --coverage", "all "),
    ("dwcrawler search ukame", "[ukame]"),
    ("dwcrawler search ukame --limit 2 --offset 2", "3\u20134 of "),
    ("dwcrawler search '\"Umoja wa Mataifa\"' --sort newest --json", "[Umoja wa Mataifa]"),
    ('dwcrawler search "mvua OR malaria" --since 2024-01-01 --kind article', "[mvua]"),
    ("dwcrawler changes", f"{EDITED}  r2"),
    ("dwcrawler changes --field title", NEW_TITLE),
    ("dwcrawler changes --field status --json", '"type": "gone"'),
    ("dwcrawler changes --cause all --since 2024-01-01 --csv", "at,what,dw_id"),
    (f"dwcrawler show {EDITED} --diff", "+Taarifa hii imesasishwa."),
    (f"dwcrawler show {RETITLED} --diff 1 2 --json", f"+# {NEW_TITLE}"),
    (f"dwcrawler show {EDITED}", "revisions:"),
    ("dwcrawler photos --agency Reuters --limit 5", "Reuters/"),
    ("dwcrawler photos --since 2024-01-01 --kind article --csv", "agencies,photographers"),
    ("dwcrawler export -o demo.jsonl", '"rights": "Texts and photos are copyright'),
    ("dwcrawler export --since 2024-01-01 -o demo-2024.parquet", "PAR1"),
    ("dwcrawler export --changed-since 2024-01-01 -o changed.csv", "changed_at"),
    ("dwcrawler export --format hf -o demo_dataset", "license_name: dw-copyright"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(tmp_path_factory.mktemp("demo"), say=lambda _line: None)


def _written(argv: list[str]) -> Path | None:
    if "-o" not in argv:
        return None
    target = Path(argv[argv.index("-o") + 1])
    return target / "README.md" if target.is_dir() else target


@pytest.mark.parametrize(("line", "shows"), EXAMPLES, ids=[line for line, _ in EXAMPLES])
def test_the_example_runs_on_the_demo_archive(capsys, demo, tmp_path, monkeypatch, line, shows):
    monkeypatch.setenv("DWCRAWLER_DATABASE_URL", demo)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.chdir(tmp_path)  # files the examples write land here
    argv = shlex.split(line)
    result = run(capsys, *argv[1:])
    assert result.status == 0, (line, result.err)
    written = _written(argv)
    if written is None:
        assert shows in result.out, (line, result.out[-2000:])
    else:
        assert shows.encode() in written.read_bytes(), line


def test_the_examples_are_the_ones_the_docs_show():
    docs = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Examples") :]
    shown = [line for line in section.splitlines() if line.startswith("dwcrawler ")]
    assert shown == [line for line, _ in EXAMPLES]  # the same lines, in the same order
