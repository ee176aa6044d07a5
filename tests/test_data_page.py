"""The data page as a reader meets it: each resource's fields folded, a page of sane length."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from analysis.package import DataPackage
from tests.built_site import DESKTOP, open_page

pytestmark = pytest.mark.browser

#: The longest the data page may be at desktop width with every dictionary folded.
MAX_PAGE_HEIGHT_PX = 16_000


def test_field_dictionaries_are_folded_and_open_on_demand(
    browser: Browser, site_url: str, package: DataPackage
) -> None:
    page, visit = open_page(browser, f"{site_url}/book/data.html", DESKTOP)
    try:
        folds = page.locator("details.rir-fields")
        resources = [resource["name"] for resource in package.descriptor["resources"]]
        assert folds.count() == len(resources)
        assert page.locator("details.rir-fields[open]").count() == 0
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= MAX_PAGE_HEIGHT_PX, f"the data page is {height} px tall"

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


def test_each_table_has_a_preview_of_its_missing_values_and_first_rows(
    browser: Browser, site_url: str, package: DataPackage
) -> None:
    """Each resource's preview opens on demand and counts the empty cells the package holds."""
    page, visit = open_page(browser, f"{site_url}/book/data.html", DESKTOP)
    try:
        resources = [resource["name"] for resource in package.descriptor["resources"]]
        assert page.locator("details.rir-preview").count() == len(resources)
        assert page.locator("details.rir-preview[open]").count() == 0
        for name in resources:
            fold = page.locator("details.rir-preview", has_text=f"Preview of {name}:")
            fold.locator("summary").click()
            missing, rows = fold.locator("table").all()
            shown = {
                cells[0]: int(cells[1])
                for cells in (r.locator("td").all_inner_texts() for r in missing.locator("tbody tr").all())
            }
            table = package[name]
            assert shown == {field: int(table[field].isna().sum()) for field in table.columns}, name
            header = rows.locator("thead th").all_inner_texts()
            assert header == list(table.columns), name
            assert rows.locator("tbody tr").count() == min(3, len(table)), name
        assert visit.problems("data page") == []
    finally:
        page.context.close()
