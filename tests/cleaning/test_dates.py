"""DW's dates: ISO page data, numeric, Swahili long form; a date without time keeps its day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dwcrawler.cleaning.dates import parse_date, parse_day, parse_iso


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("24 Aprili 2019", date(2019, 4, 24)),
        ("6 Aprili 2018", date(2018, 4, 6)),
        ("Caro Robi2 Oktoba 2015", date(2015, 10, 2)),
        ("Jumatano, 17 Januari 2013", date(2013, 1, 17)),
        ("31 Agosti 2025", date(2025, 8, 31)),
        ("1 Desemba 2020", date(2020, 12, 1)),
        ("24.04.2019", date(2019, 4, 24)),
        ("Rais Gauck | DW | 04.02.2015", date(2015, 2, 4)),
        ("30. Januar 2024", date(2024, 1, 30)),
        ("23 mai 2011", date(2011, 5, 23)),
        ("January 19, 2020", date(2020, 1, 19)),
        ("20210924", date(2021, 9, 24)),
        ("2021-09-24", date(2021, 9, 24)),
    ],
)
def test_parse_day(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize(
    "text", ["saa 3 zilizopita", "vor 3 Stunden", "31.02.2020", "", None, "Aprili"]
)
def test_unparseable_days(text):
    assert parse_day(text) is None


def test_iso_page_data_dates_are_exact_and_aware():
    assert parse_iso("2024-01-30T14:13:12.269Z") == datetime(
        2024, 1, 30, 14, 13, 12, 269000, tzinfo=UTC
    )
    assert parse_iso("2024-01-30T16:13:12+02:00") == datetime(2024, 1, 30, 14, 13, 12, tzinfo=UTC)
    naive = parse_iso("2024-01-30T14:13:12")
    assert naive is not None
    assert naive.tzinfo is UTC
    assert parse_iso("30.01.2024") is None


def test_a_date_without_time_keeps_its_calendar_day():
    assert parse_date("24 Aprili 2019") == (datetime(2019, 4, 24, tzinfo=UTC), "day")
    assert parse_date("2021-09-24") == (datetime(2021, 9, 24, tzinfo=UTC), "day")
    assert parse_date("2024-01-30T23:30:00Z") == (
        datetime(2024, 1, 30, 23, 30, tzinfo=UTC),
        "second",
    )
