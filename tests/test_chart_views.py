"""Every chart's Table, Data and Cite views, and its downloads (issue 14, item 1).

The Table and the CSV hold exactly the rows and fields of the chart's main data
(:func:`analysis.figures.meta.main_rows`): the Table as :func:`analysis.site.views.format_value`
writes each value, the CSV as :func:`analysis.site.views.csv_value` does. The README names
every source of the figure (from the registry) with its release, and the citations name the
package's version (from the descriptor). Expectations come from the package and the specs.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from analysis.figures.meta import chart_meta, main_datasets, main_rows
from analysis.figures.registry import FIGURES
from analysis.package import DataPackage
from analysis.site.render import chart_html
from analysis.site.serve import site_pages
from analysis.site.sphinx_vega import data_zip
from analysis.site.views import (
    csv_text,
    field_kinds,
    figure_slug,
    format_value,
    readme_text,
    table_html,
)

#: A chart drawn as two panels of one table plus a label layer: the main data is both panels.
_PANELS: dict[str, Any] = {
    "title": "Orders",
    "description": "Two panels of orders.",
    "vconcat": [
        {"data": {"name": "labels"}, "mark": "text", "encoding": {"text": {"field": "note"}}},
        {"data": {"name": "a"}, "mark": "bar",
         "encoding": {"x": {"field": "units", "title": "Units"}, "y": {"field": "year", "axis": {"format": "d"}}}},
        {"data": {"name": "b"}, "mark": "bar", "encoding": {"x": {"field": "units"}}},
    ],
    "datasets": {
        "labels": [{"note": "x"}],
        "a": [{"year": 2015, "units": 1500.0}, {"year": 2016, "units": 2.5}],
        "b": [{"year": 2022, "units": None}],
    },
}


def _expected_table(spec: dict[str, Any]) -> list[list[str]]:
    fields, rows = main_rows(spec)
    kinds = field_kinds(spec)
    return [[format_value(row.get(f), kinds.get(f)) for f in fields] for row in rows]


def _table_rows(block: Any) -> tuple[list[str], list[list[str]]]:
    table = block.select_one("table.rir-chart-table")
    assert table is not None and table.caption is not None
    heads = table.select("thead th")
    assert all(th.get("scope") == "col" for th in heads)
    body = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    return [th["data-field"] for th in heads], body


def _csv_rows(text: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def _expected_csv(spec: dict[str, Any]) -> list[list[str]]:
    from analysis.site.views import csv_value

    fields, rows = main_rows(spec)
    return [[csv_value(row.get(f)) for f in fields] for row in rows]


# --- a small spec -------------------------------------------------------------------------


def test_main_data_joins_the_panels_of_one_table_and_leaves_labels_out() -> None:
    assert main_datasets(_PANELS) == ["a", "b"]
    fields, rows = main_rows(_PANELS)
    assert fields == ("year", "units") and len(rows) == 3


def test_fixture_table_and_csv_hold_the_rows_formatted() -> None:
    fields, body = _table_rows(BeautifulSoup(table_html(_PANELS), "html.parser"))
    assert fields == ["year", "units"]
    assert body == [["2015", "1,500"], ["2016", "2.5"], ["2022", ""]]
    assert _csv_rows(csv_text(_PANELS)) == (["year", "units"], [["2015", "1500"], ["2016", "2.5"], ["2022", ""]])
    # Without the registry's usermeta a chart has its Table but no Data or Cite view; the
    # page holds a link to the table, not its rows.
    block = BeautifulSoup(chart_html(_PANELS), "html.parser")
    assert [d["data-rir-view"] for d in block.select("details")] == ["table"]
    assert block.select_one("table") is None
    assert "3 rows" in block.select_one('details[data-rir-view="table"]').get_text()


# --- every registry figure on the real package ---------------------------------------------


@pytest.fixture(scope="module")
def specs(package: DataPackage) -> dict[str, dict[str, Any]]:
    from analysis.theme import use_house_theme

    use_house_theme()
    return {ident: entry.chart(package).to_dict() for ident, entry in FIGURES.items()}


def test_every_chart_carries_what_its_views_need(package: DataPackage, specs: dict[str, dict[str, Any]]) -> None:
    sources = {s["id"]: s for s in package.descriptor["sources"]}
    for ident, spec in specs.items():
        meta, entry = chart_meta(spec), FIGURES[ident]
        assert meta["figure"] == ident and meta["caption"] == entry.caption
        assert meta["needs"] == list(entry.needs)
        assert [s["id"] for s in meta["sources"]] == list(entry.sources)
        for shown in meta["sources"]:
            assert shown["title"] == sources[shown["id"]]["title"]
            assert shown["release"] == sources[shown["id"]]["release"] and shown["credit"]
        assert meta["package"]["version"] == package.descriptor["version"]
        assert meta["package"]["created"] == package.descriptor["created"]
        assert meta["data"] and set(meta["data"]) <= set(spec["datasets"]), ident
        assert meta["fields"] == list(main_rows(spec)[0]) and meta["fields"][0] in spec["datasets"][meta["data"][0]][0]
        # The column order survives a round trip through JSON written with sorted keys.
        assert main_rows(json.loads(json.dumps(spec, sort_keys=True)))[0] == tuple(meta["fields"])
        assert set(meta["columns"]) == set(meta["fields"])


def test_every_chart_table_and_csv_equal_its_main_data(specs: dict[str, dict[str, Any]]) -> None:
    for ident, spec in specs.items():
        fields, body = _table_rows(BeautifulSoup(table_html(spec), "html.parser"))
        assert fields == list(main_rows(spec)[0]), ident
        assert body == _expected_table(spec), ident
        assert _csv_rows(csv_text(spec)) == (fields, _expected_csv(spec)), ident


def test_readme_names_sources_releases_processing_and_version(
    package: DataPackage, specs: dict[str, dict[str, Any]]
) -> None:
    sources = {s["id"]: s for s in package.descriptor["sources"]}
    for ident, spec in specs.items():
        readme = readme_text(spec)
        for source in FIGURES[ident].sources:
            assert sources[source]["title"] in readme and sources[source]["release"] in readme, (ident, source)
        assert FIGURES[ident].data.__qualname__ in readme
        assert f"version {package.descriptor['version']}" in readme
        for field in main_rows(spec)[0]:
            assert f"- `{field}`: " in readme


def test_data_zip_is_byte_identical_and_sorted(specs: dict[str, dict[str, Any]]) -> None:
    spec = specs["fig-arms-flow"]
    first = data_zip(spec, "arms-flow")
    assert first == data_zip(json.loads(json.dumps(spec)), "arms-flow")
    members = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [m.filename for m in members] == ["arms-flow/README.md", "arms-flow/arms-flow.csv"]
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}


# --- the built book -----------------------------------------------------------------------


def _published_spec(built_book: Path, name: str) -> dict[str, Any]:
    """The spec a page's chart is drawn from: its ``.json`` download (the page only names it)."""
    return json.loads((built_book / "_static" / "charts" / f"{name}.json").read_text(encoding="utf-8"))


def _chart_blocks(built_book: Path) -> list[tuple[str, Any, dict[str, Any]]]:
    found = []
    for relative in site_pages(built_book):
        soup = BeautifulSoup((built_book / relative).read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.rir-chart"):
            reference = block.select_one("script.rir-spec")
            assert not reference.string, f"{relative}: a chart's spec is written into the page"
            found.append((relative, block, _published_spec(built_book, reference["data-export"])))
    return found


@pytest.mark.browser
@pytest.mark.book
def test_built_views_and_downloads_of_every_chart(built_book: Path, package: DataPackage) -> None:
    blocks = _chart_blocks(built_book)
    shown = {chart_meta(spec)["figure"] for _, _, spec in blocks}
    assert shown == set(FIGURES)
    version = package.descriptor["version"]
    sources = {s["id"]: s for s in package.descriptor["sources"]}
    for relative, block, spec in blocks:
        ident = chart_meta(spec)["figure"]
        slug = figure_slug(ident)
        where = f"{relative} {ident}"
        assert [d["data-rir-view"] for d in block.select("details")] == ["table", "data", "cite"], where
        # The Table: the page links to the table's own page and names the script that
        # brings the rows into the view; both hold exactly the main data's rows and fields.
        charts = built_book / "_static" / "charts"
        view = block.select_one('details[data-rir-view="table"]')
        assert view.select_one("table") is None, where
        assert view["data-src"].endswith(f"_static/charts/{slug}.table.js"), where
        own_page = view.select_one("a")["href"]
        assert own_page.endswith(f"_static/charts/{slug}.table.html"), where
        assert (built_book / relative).parent.joinpath(own_page).resolve() == charts / f"{slug}.table.html"
        table_page = BeautifulSoup((charts / f"{slug}.table.html").read_text(encoding="utf-8"), "html.parser")
        fields, body = _table_rows(table_page)
        assert fields == list(main_rows(spec)[0]) and body == _expected_table(spec), where
        back = table_page.select_one("main a")["href"]
        assert charts.joinpath(back.split("#")[0]).resolve() == (built_book / relative).resolve(), where
        assert block.find_parent(id=back.split("#")[1]) is not None, where
        script = (charts / f"{slug}.table.js").read_text(encoding="utf-8")
        prefix = f"window.rirTableArrived({json.dumps(slug)}, "
        assert script.startswith(prefix) and script.endswith(");\n"), where
        assert _table_rows(BeautifulSoup(json.loads(script[len(prefix):-3]), "html.parser")) == (fields, body)
        # Downloads: readable names, files present beside each other.
        links = {a.get_text(): a["href"] for a in block.select("a[download]")}
        for label, suffix in (("SVG", "svg"), ("PNG", "png"), ("chart specification, JSON", "json"),
                              (f"{slug}.zip", "zip")):
            assert links[label].endswith(f"_static/charts/{slug}.{suffix}"), (where, label)
            assert (built_book / relative).parent.joinpath(links[label]).resolve().is_file(), (where, label)
        reference = block.select_one("script.rir-spec")
        assert reference["data-src"].endswith(f"_static/charts/{slug}.spec.js"), where
        assert (built_book / relative).parent.joinpath(reference["data-src"]).resolve().is_file(), where
        with zipfile.ZipFile(charts / f"{slug}.zip") as archive:
            text = archive.read(f"{slug}/{slug}.csv").decode("utf-8")
            readme = archive.read(f"{slug}/README.md").decode("utf-8")
        assert _csv_rows(text) == (fields, _expected_csv(spec)), where
        for source in FIGURES[ident].sources:
            assert sources[source]["title"] in readme and sources[source]["release"] in readme, where
        # Cite: every form names the package version.
        cite = block.select_one('details[data-rir-view="cite"]')
        for part in cite.select("dd"):
            assert version in part.get_text(), where
        data = block.select_one('details[data-rir-view="data"]')
        targets = [a["href"] for a in data.select("a")]
        assert any(t.endswith("_static/downloads/russia-iran-relations-datapackage.zip") for t in targets)
        assert any(t.endswith("book/dictionary.html") for t in targets)
    assert not list((built_book / "_static" / "charts").glob("[0-9a-f]" * 12 + ".*"))


@pytest.mark.browser
def test_without_javascript_the_table_and_the_static_chart_show(browser: Any, site_url: str, built_book: Path) -> None:
    """Readers without JavaScript open each view of the charts on two pages, the Table on a page
    of its own, and come back to the chart; the SVG shows."""
    from tests.built_site import DESKTOP

    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        for relative in ("book/arms.html", "book/timeline.html"):
            page = context.new_page()
            page.goto(f"{site_url}/{relative}", wait_until="load")
            chart = page.locator("div.rir-chart").first
            image = chart.locator("img.rir-static")
            assert image.evaluate("i => i.naturalWidth") > 0, relative
            spec = _published_spec(built_book, chart.locator("script.rir-spec").get_attribute("data-export"))
            link = chart.locator('details[data-rir-view="table"] a')
            assert not link.is_visible()
            chart.locator('details[data-rir-view="table"] > summary').click()
            assert link.is_visible(), relative
            assert f"{len(main_rows(spec)[1]):,} rows" in chart.locator('details[data-rir-view="table"]').inner_text()
            link.click()
            page.wait_for_url("**/_static/charts/*.table.html")
            table = page.locator("table.rir-chart-table")
            assert table.is_visible(), relative
            assert table.locator("tbody tr").count() == len(main_rows(spec)[1]), relative
            page.get_by_role("link", name="Back to the chart").click()
            page.wait_for_url(f"**/{relative}#{chart_meta(spec)['figure']}")
            chart = page.locator("div.rir-chart").first
            for view in ("data", "cite"):
                chart.locator(f'details[data-rir-view="{view}"] > summary').click()
                assert chart.locator(f'details[data-rir-view="{view}"] .rir-view-body').is_visible()
            page.close()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("relative", ["book/alignment.html", "book/timeline.html"])
def test_a_table_view_shows_its_rows_when_opened(browser: Any, site_url: str, built_book: Path, relative: str) -> None:
    """With scripts, opening a chart's Table view brings its rows into the view, on the page;
    a page carries no chart's rows until then."""
    from tests.built_site import DESKTOP, open_page

    page, visit = open_page(browser, f"{site_url}/{relative}", DESKTOP)
    try:
        assert page.locator("table.rir-chart-table").count() == 0
        views = page.locator('details[data-rir-view="table"]')
        assert views.count() >= 1
        for index in range(views.count()):
            view = views.nth(index)
            chart = view.locator("xpath=ancestor::div[contains(@class, 'rir-chart')][1]")
            spec = _published_spec(built_book, chart.locator("script.rir-spec").get_attribute("data-export"))
            view.locator("> summary").click()
            table = view.locator("table.rir-chart-table")
            table.wait_for(state="visible", timeout=10_000)
            assert table.locator("tbody tr").count() == len(main_rows(spec)[1]), (relative, index)
            first = [cell.strip() for cell in table.locator("tbody tr").first.locator("td").all_inner_texts()]
            assert first == _expected_table(spec)[0], (relative, index)
            assert view.get_attribute("data-rir-table") == "yes"
            # Closed and opened again, the view shows the same table without loading it twice.
            view.locator("> summary").click()
            view.locator("> summary").click()
            assert view.locator("table.rir-chart-table").count() == 1
        loaded = page.evaluate("""[...document.querySelectorAll('script[src*="/charts/"][src$=".table.js"]')].length""")
        assert loaded == views.count()
        assert not visit.page_errors and not visit.console_errors
    finally:
        page.context.close()
