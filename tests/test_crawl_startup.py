"""What each process of a crawl imports: start-up is paid on every cron run, by every helper."""

import json
import subprocess
import sys

from scrapy.settings import default_settings
from scrapy.utils.project import get_project_settings

from dwcrawler import settings as project
from tests.replica.run import ROOT
from tests.sitegen import render_page, synthetic_spec

# Importing these modules is what a crawl process does before its first request.
CRAWL_SIDE = [
    "dwcrawler.settings",
    "dwcrawler.commands.crawl",
    "dwcrawler.spiders.dw_sw",
    "dwcrawler.pipelines",
    "dwcrawler.extensions.run",
    "dwcrawler.extensions.progress",
    "dwcrawler.middlewares.retry",
    "dwcrawler.middlewares.redirect",
]


def _loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Run `code` in a fresh interpreter (in the project); return which of `modules` it loaded."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_the_crawl_process_loads_no_sqlalchemy_or_alembic():
    # With the writer in a helper process, the crawl process needs none of them: each costs
    # start-up time on every cron run. The writer imports them (`extensions.writer`).
    code = f"import importlib\nfor m in {CRAWL_SIDE!r}: importlib.import_module(m)"
    heavy = ("sqlalchemy", "alembic", "dwcrawler.db.models", "dwcrawler.extensions.writer")
    assert _loaded_after(code, heavy) == []


def test_scrapy_components_the_crawl_never_runs_are_not_even_imported():
    # Scrapy imports every enabled component of a *_BASE setting (one switched off by its own
    # setting raises NotConfigured only once imported), and every key of the project's own
    # dicts, even one set to None: the remote control would pull in aiohttp, the cookies
    # middleware tldextract.
    code = (
        "from scrapy.utils.project import get_project_settings\n"
        "from scrapy.utils.conf import build_component_list\n"
        "from scrapy.utils.misc import load_object\n"
        "s = get_project_settings()\n"
        "for name in ('EXTENSIONS', 'DOWNLOADER_MIDDLEWARES', 'SPIDER_MIDDLEWARES'):\n"
        "    for path in build_component_list(s.get_component_priority_dict_with_base(name)):\n"
        "        load_object(path)  # as the crawler's middleware managers do"
    )
    assert _loaded_after(code, ("aiohttp", "tldextract", "sqlalchemy")) == []


def test_the_base_components_are_scrapys_own_but_the_unused_ones():
    settings = get_project_settings()
    for name in ("EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES"):
        ours, scrapys = settings.getdict(f"{name}_BASE"), getattr(default_settings, f"{name}_BASE")
        assert set(ours) == set(scrapys) - project.UNUSED_COMPONENTS
        assert all(ours[path] == scrapys[path] for path in ours)
    # Every component left out is replaced or switched off on purpose: none is a typo.
    every = {
        path
        for name in ("EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES")
        for path in getattr(default_settings, f"{name}_BASE")
    }
    assert project.UNUSED_COMPONENTS.issubset(every)


def test_an_extraction_worker_loads_neither_scrapy_nor_twisted_nor_sqlalchemy(tmp_path):
    # A worker imports the module of the function it runs (and its initializer's), and what
    # they use; Scrapy and Twisted would cost each worker about 0.4 s of CPU at start-up.
    spec = synthetic_spec(1, 3)
    (tmp_path / "page.html").write_text(render_page(spec), encoding="utf-8")
    code = (
        "from pathlib import Path\n"
        "from dwcrawler.extensions.extract_worker import extract_group\n"
        "from dwcrawler.extensions.workers import start_helper\n"
        f"body = Path({str(tmp_path / 'page.html')!r}).read_bytes()\n"
        f"[(ok, done)] = extract_group([(body, 'text/html; charset=utf-8', {spec.url!r})])\n"
        "assert ok and done.item is not None and done.item.title, done"
    )
    assert _loaded_after(code, ("scrapy", "twisted", "sqlalchemy")) == []


def test_the_collector_is_set_up_for_a_crawl_and_out_of_the_way_at_exit():
    code = (
        "import gc\n"
        "from dwcrawler.gctune import GEN0_THRESHOLD, gc_before_exit, tune_gc\n"
        "default = gc.get_threshold()\n"
        "tune_gc()\n"
        "assert gc.get_threshold() == (GEN0_THRESHOLD, *default[1:]), gc.get_threshold()\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 1000, frozen  # what was loaded is never traced again\n"
        "junk = [[] for _ in range(5000)]\n"
        "gc_before_exit()\n"
        "assert gc.get_freeze_count() >= frozen + 5000\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
