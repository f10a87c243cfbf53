"""A real headless browser (Debian's chromium, through its chromedriver) reads the archive.

The browser gets no network but loopback (see `tests.browse.helpers.CHROMIUM_FLAGS`): DW's image
servers are mapped to nowhere, so the photos' <img> tags are checked, not loaded. Screenshots
go to test-artifacts/browser/.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browse.helpers import CHROMEDRIVER, CHROMIUM, Server, archive_path, chromium
from tests.support.clihelpers import seed
from tests.support.dbsamples import MAFURIKO, RELI
from tests.support.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "browser"


def _missing() -> str | None:
    absent = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if absent:
        return f"no {' or '.join(absent)}: apt-get install chromium chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so the browser test must run)")
        pytest.skip(reason)
    browser = chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory, sqlite_template):
    path = tmp_path_factory.mktemp("browse") / "dw_sw.sqlite3"
    shutil.copyfile(sqlite_template, path)
    seed(f"sqlite:///{path}")
    with Server(str(archive_path(f"sqlite:///{path}"))) as running:
        yield running


def _shot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.read_bytes().startswith(b"\x89PNG")
    return path


def _navigate(driver, act) -> None:
    """Run `act` (a submit, a click) and wait until the browser shows the page it leads to.

    A submit or a click returns before the next page arrives: elements read at once may be the
    old page's, gone stale by the time they are read.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    act()
    wait = WebDriverWait(driver, 10)
    wait.until(ec.staleness_of(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def _table_rows(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [
        row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    ]


def test_search_a_swahili_word_and_see_the_article(driver, server):
    from selenium.webdriver.common.by import By

    driver.get(server.base_url + "dw_sw/articles")
    box = driver.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys("mafuriko")
    _navigate(driver, box.submit)
    rows = _table_rows(driver)
    assert len(rows) == 1
    assert MAFURIKO.title in rows[0]
    assert "Idara ya hali ya hewa nchini Kenya" in rows[0]  # its text, as paragraphs
    _shot(driver, "search")


def test_photos_by_agency_show_a_caption_and_its_credit(driver, server):
    from selenium.webdriver.common.by import By

    driver.get(server.base_url + "dw_sw")
    _navigate(driver, driver.find_element(By.LINK_TEXT, "Photos by agency").click)
    box = driver.find_element(By.CSS_SELECTOR, "input[name=agency]")
    box.send_keys("Reuters")
    _navigate(driver, box.submit)
    [row] = _table_rows(driver)
    assert str(MAFURIKO.photos[0].caption) in row
    assert "Reuters/T. Mukoya" in row
    image = driver.find_element(By.CSS_SELECTOR, "table.rows-and-columns img")
    assert image.get_attribute("src") == MAFURIKO.photos[0].url
    _shot(driver, "photos-by-agency")


def test_open_an_articles_revisions(driver, server):
    from selenium.webdriver.common.by import By

    driver.get(server.base_url + "dw_sw/article_list?_search=treni")
    [row] = _table_rows(driver)
    assert RELI.dw_id == int(row.split()[0])
    link = driver.find_element(By.CSS_SELECTOR, "td.col-revisions a")
    assert link.text == "2"
    _navigate(driver, link.click)
    rows = _table_rows(driver)
    assert len(rows) == 2
    assert any("title" in r and "umeme" in r for r in rows)
    assert "article_id" in driver.current_url
    _shot(driver, "revisions")
