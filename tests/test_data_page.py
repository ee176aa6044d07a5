"""The data and data dictionary pages as a reader meets them: each resource's fields folded,
pages of sane length."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from analysis.package import DataPackage
from tests.built_site import DESKTOP, open_page

pytestmark = pytest.mark.browser

#: The data page's height at desktop width may be at most this, for its prose, chart, overview
#: tables (a row for each table) and reuse examples...
DATA_PAGE_HEIGHT_PX = 9_500
#: ...plus this for each table's row in its overview tables.
TABLE_ROW_HEIGHT_PX = 150
#: The dictionary page's height with every fold closed may be at most this for its
#: introduction...
DICTIONARY_BASE_HEIGHT_PX = 2_000
#: ...plus this for each table's entry: heading, description and two folded summaries.
#: (Unfolded, one table's fields and preview take 1,000 px and more.)
TABLE_ENTRY_HEIGHT_PX = 500


def test_field_dictionaries_are_folded_and_open_on_demand(
    browser: Browser, site_url: str, package: DataPackage
) -> None:
    page, visit = open_page(browser, f"{site_url}/book/dictionary.html", DESKTOP)
    try:
        folds = page.locator("details.rir-fields")
        resources = [resource["name"] for resource in package.descriptor["resources"]]
        assert folds.count() == len(resources)
        assert page.locator("details.rir-fields[open]").count() == 0
        height = page.evaluate("document.documentElement.scrollHeight")
        budget = DICTIONARY_BASE_HEIGHT_PX + TABLE_ENTRY_HEIGHT_PX * len(resources)
        assert height <= budget, f"the dictionary is {height} px tall, over {budget} for {len(resources)} tables"
        entries = page.eval_on_selector_all(
            "article section section", "ss => ss.map(s => [s.id, s.getBoundingClientRect().height])"
        )
        assert len(entries) == len(resources)
        tall = [(ident, h) for ident, h in entries if h > TABLE_ENTRY_HEIGHT_PX * 1.5]
        assert not tall, f"dictionary entries too tall with their folds closed: {tall}"

        events = page.locator("details.rir-fields", has_text="fields of events")
        table = events.locator("table")
        assert not table.is_visible()
        events.locator("summary").click()
        assert table.is_visible()
        expected = len(next(r for r in package.descriptor["resources"] if r["name"] == "events")["schema"]["fields"])
        assert table.locator("tbody tr").count() == expected
        assert visit.problems("data page") == []
    finally:
        page.context.close()


def test_each_table_counts_its_empty_cells_and_previews_its_first_rows(
    browser: Browser, site_url: str, package: DataPackage
) -> None:
    """Each resource's fields, opened, count the empty cells the package holds; its preview shows
    its first rows under its columns."""
    from analysis.chapters.dictionary import EMPTY_COLUMN

    page, visit = open_page(browser, f"{site_url}/book/dictionary.html", DESKTOP)
    try:
        resources = [resource["name"] for resource in package.descriptor["resources"]]
        assert page.locator("details.rir-first-rows").count() == len(resources)
        assert page.locator("details.rir-first-rows[open]").count() == 0
        for name in resources:
            table = package[name]
            fields = page.locator("details.rir-fields", has_text=f"fields of {name}")
            fields.locator("summary").click()
            header = fields.locator("thead th").all_inner_texts()
            field_at, empty_at = header.index("field"), header.index(EMPTY_COLUMN)
            shown = {
                cells[field_at]: int(cells[empty_at].split(" ")[0].replace(",", ""))
                for cells in (r.locator("td").all_inner_texts() for r in fields.locator("tbody tr").all())
            }
            assert shown == {field: int(table[field].isna().sum()) for field in table.columns}, name
            fold = page.locator("details.rir-first-rows", has_text=f"Preview of {name}:")
            fold.locator("summary").click()
            rows = fold.locator("table")
            assert rows.locator("thead th").all_inner_texts() == list(table.columns), name
            assert rows.locator("tbody tr").count() == min(3, len(table)), name
        # Printed from the browser, the page keeps every fold (the charts' preview images go, and
        # only they: the folds once shared their class name and were hidden with them).
        page.emulate_media(media="print")
        printed = page.eval_on_selector_all("details.rir-fields, details.rir-first-rows",
                                            "ds => ds.filter(d => getComputedStyle(d).display === 'none').length")
        assert printed == 0, f"{printed} folds of the dictionary are hidden in print"
        assert visit.problems("dictionary page") == []
    finally:
        page.context.close()


def test_the_data_page_is_of_sane_length_and_leads_to_the_dictionary(
    browser: Browser, site_url: str, package: DataPackage
) -> None:
    page, visit = open_page(browser, f"{site_url}/book/data.html", DESKTOP)
    try:
        tables = len(package.descriptor["resources"])
        height = page.evaluate("document.documentElement.scrollHeight")
        budget = DATA_PAGE_HEIGHT_PX + TABLE_ROW_HEIGHT_PX * tables
        assert height <= budget, f"the data page is {height} px tall, over {budget} for {tables} tables"
        page.locator("article a", has_text="data dictionary").first.click()
        page.wait_for_url("**/book/dictionary.html")
        assert page.locator("details.rir-fields").count() == tables
        assert visit.problems("data page") == []
    finally:
        page.context.close()


def _example_outputs(built_book: Path) -> list[str]:
    """Return the text of each executed example's output on the data page, in order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_book / "book" / "data.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="reusing-the-data")
    return [" ".join(cell.get_text(" ").split()) for cell in section.select("div.cell_output")]


def test_reuse_examples_ran_in_every_format_and_agree_with_the_package(
    built_book: Path, package: DataPackage
) -> None:
    """Each format's example shows output, and what it shows matches the package's own rows."""
    outputs = _example_outputs(built_book)
    assert len(outputs) == 5, outputs
    csv_top, parquet_tail, frictionless, sqlite_join, duckdb_top = outputs
    transfers = package["arms_transfers"]
    to_iran = transfers[(transfers["recipient_code"] == "IRN") & (transfers["year"] >= 1992)]
    top = to_iran.groupby("supplier")["tiv"].sum().nlargest(5).round()
    for supplier, tiv in top.items():
        assert f"{supplier} {tiv:.1f}" in csv_top, (supplier, csv_top)
        assert supplier in duckdb_top and f"{tiv:.1f}" in duckdb_top, (supplier, duckdb_top)
    for event_id in package["events"]["event_id"].tail(3):
        assert event_id in parquet_tail
    assert frictionless == f"valid: True | tables checked: {len(package.descriptor['resources'])}"
    claims = package["claims"]
    for verdict, count in claims["verdict"].value_counts().items():
        assert f"{verdict} {count} " in sqlite_join + " ", (verdict, sqlite_join)


def test_each_format_the_data_page_links_is_published(built_book: Path) -> None:
    import re

    html = (built_book / "book" / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./(_static/downloads/[^"]+)"', html)
    for suffix in (".sqlite", "duckdb.sql", ".parquet", "validation-report.json", "datapackage.zip", "kit.zip"):
        assert any(link.endswith(suffix) for link in links), suffix
    for link in links:
        assert (built_book / link).is_file(), link
