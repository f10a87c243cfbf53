"""The layers keep to their rooms: what needs no crawler never imports Scrapy or Twisted."""

import json
import subprocess
import sys

from tests.support.paths import ROOT

# Page objects, cleaning, the one road, the database and the query commands serve saved files,
# WARC records and re-extraction: none of them may need a crawler.
NO_CRAWLER = [
    "dwcrawler.extraction",
    "dwcrawler.pages.feeds",
    "dwcrawler.pages.listing",
    "dwcrawler.db.repository",
    "dwcrawler.db.queries",
    "dwcrawler.db.lease",
    "dwcrawler.health",
    "dwcrawler.cli.extract",
    "dwcrawler.cli.search",
    "dwcrawler.cli.export",
    "dwcrawler.cli.serve",
    "dwcrawler.browse.app",
    "dwcrawler.browse.plugin",
    "dwcrawler.cli.warc",
    "dwcrawler.archive.read",
    "dwcrawler.archive.records",
    "dwcrawler.archive.writer",
    "dwcrawler.archive.importer",
    "dwcrawler.archive.reextract",
    "dwcrawler.archive.bulk",
    "dwcrawler.cli.doctor",
    "dwcrawler.cli.purge",
    "dwcrawler.cli.db",
]


def test_extraction_the_database_and_the_query_commands_never_import_scrapy():
    probe = (
        "import importlib, json, sys\n"
        f"for m in {NO_CRAWLER!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(m for m in ('scrapy', 'twisted') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
