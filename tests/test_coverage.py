"""Coverage stated from the package (issue 13): spans, a page's evidence, the package's date.

Unit tests of :mod:`analysis.coverage` on small frames and on a package cut
from the real one, of the reads a :class:`~analysis.package.DataPackage`
records, of the glued coverage line and of the footer's stamp. Expected values
are computed from the frames and descriptors the tests hold, never typed from
a release's figures. The built pages are checked in ``test_coverage_shown.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import coverage
from analysis.book import COVERAGE_CLASS, COVERAGE_LEAD, coverage_markdown, glue_coverage
from analysis.coverage import TIME_FIELDS, UNTIMED, TimeField
from analysis.package import DataPackage, load_package
from analysis.paths import BOOK_DIR, DESCRIPTOR_PATH
from analysis.site import sphinx_coverage
from tests.package_cuts import cut_package

#: Every chapter of the book, by file stem.
CHAPTER_STEMS = sorted(path.stem for path in BOOK_DIR.glob("*.md"))


def _events(dates: list[str], precisions: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"start_date": pd.to_datetime(dates), "date_precision": precisions})


# ---------------------------------------------------------------------------
# The table of time fields
# ---------------------------------------------------------------------------


def test_every_dated_resource_has_a_time_field_or_a_reason(package: DataPackage) -> None:
    """A new resource with a date or year field cannot be left out silently."""
    dated = {r["name"] for r in package.descriptor["resources"] if coverage.dated_fields(r)}
    missing = dated - set(TIME_FIELDS) - set(UNTIMED)
    assert not missing, f"add these resources to coverage.TIME_FIELDS (or UNTIMED, with a reason): {sorted(missing)}"
    assert not set(TIME_FIELDS) & set(UNTIMED)


def test_time_fields_name_real_fields(package: DataPackage) -> None:
    for name, spec in TIME_FIELDS.items():
        fields = {f["name"] for f in package.resource(name)["schema"]["fields"]}
        assert spec.field in fields, f"{name} has no field {spec.field!r}"
        assert spec.field in coverage.dated_fields(package.resource(name)), f"{name}.{spec.field} is not dated"
        assert spec.precision is None or spec.precision in fields, f"{name} has no field {spec.precision!r}"
        assert spec.grain in coverage.PRECISIONS
    readers = [spec.reader for spec in TIME_FIELDS.values()]
    assert len(readers) == len(set(readers)), "two resources share a reader name"


# ---------------------------------------------------------------------------
# Spans on small frames
# ---------------------------------------------------------------------------


def test_event_span_is_written_at_the_month_at_most() -> None:
    spec = TIME_FIELDS["events"]
    frame = _events(["2026-04-08", "1979-02-11", "1990-01-01"], ["day", "day", "year"])
    assert coverage.span(frame, spec) == ("February 1979", "April 2026")
    assert coverage.span(_events(["1979-01-01", "2020-06-01"], ["year", "month"]), spec) == ("1979", "June 2020")


def test_year_span_skips_missing_years() -> None:
    frame = pd.DataFrame({"year": pd.array([None, 2014, 1948], dtype="Int64")})
    assert coverage.span(frame, TimeField("year", "Trade")) == ("1948", "2014")
    assert coverage.span(frame.iloc[:1], TimeField("year", "Trade")) is None


def test_text_dates_keep_their_own_precision() -> None:
    frame = pd.DataFrame({"published": pd.array(["2003-07", None, "1999", "2026-05-02"], dtype="string")})
    assert coverage.span(frame, TimeField("published", "Cited sources", grain="month")) == ("1999", "May 2026")
    assert coverage.span(frame, TimeField("published", "Cited sources", grain="day")) == ("1999", "2 May 2026")


def test_evidence_span_follows_the_table_order_and_skips_the_undated() -> None:
    tables = {
        "bilateral_trade": pd.DataFrame({"year": [1990, 2014]}),
        "arms_transfers": pd.DataFrame({"year": [1950, 2024]}),
        "events": _events(["1979-02-11", "2026-04-08"], ["day", "day"]),
        "phases": pd.DataFrame({"start_year": [1979]}),
    }
    expected = coverage.SEPARATOR.join(
        f"{TIME_FIELDS[name].reader} to {coverage.span(tables[name], TIME_FIELDS[name])[1]}"
        for name in TIME_FIELDS if name in tables
    )
    assert coverage.evidence_span(tables, ["phases", "bilateral_trade", "events", "arms_transfers"]) == expected
    assert coverage.evidence_span(tables, reversed(list(tables))) == expected
    assert expected.startswith("Events to April 2026")
    assert coverage.evidence_span(tables, ["phases"]) == ""


# ---------------------------------------------------------------------------
# The package's date and the table per resource
# ---------------------------------------------------------------------------


def test_updated_label_comes_from_the_descriptor_only() -> None:
    first = {"version": "9.8.7", "created": "2031-01-05T12:00:00Z"}
    assert coverage.updated_label(first) == "Data package 9.8.7, updated 5 January 2031"
    assert coverage.updated_label({"version": "1.0", "created": "2031-01-05"}) == coverage.updated_label(
        {"version": "1.0", "created": "2031-01-05T23:59:59Z"})


def test_releases_match_sources_by_id_title_or_unique_path() -> None:
    descriptor = {
        "sources": [
            {"id": "a", "title": "A", "path": "https://a", "release": "one"},
            {"id": "b", "title": "B", "path": "https://shared", "release": "two"},
            {"id": "c", "title": "C", "path": "https://shared", "release": "three"},
        ],
        "resources": [
            {"name": "by_id", "sources": [{"id": "c", "title": "other"}]},
            {"name": "by_title", "sources": [{"title": "B"}, {"title": "A"}, {"title": "A"}]},
            {"name": "by_path", "sources": [{"title": "ours", "path": "https://a"}]},
            {"name": "ambiguous", "sources": [{"title": "ours", "path": "https://shared"}]},
        ],
    }
    assert coverage.releases(descriptor, "by_id") == ["three"]
    assert coverage.releases(descriptor, "by_title") == ["two", "one"]
    assert coverage.releases(descriptor, "by_path") == ["one"]
    assert coverage.releases(descriptor, "ambiguous") == []
    with pytest.raises(KeyError):
        coverage.releases(descriptor, "nothing")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> DataPackage:
    """A package cut from the real one: a few rows of events, SIPRI deliveries and trade."""
    path = cut_package(tmp_path_factory.mktemp("coverage"), ["phases", "events", "arms_transfers", "bilateral_trade"], rows=6)
    return load_package(path)


def test_resource_coverage_of_a_small_package(small: DataPackage) -> None:
    frame = coverage.resource_coverage(small)
    assert frame["resource"].tolist() == [r["name"] for r in small.descriptor["resources"]]
    assert list(frame.columns) == ["resource", "title", "first", "last", "rows", "releases"]
    rows = frame.set_index("resource")
    for name in ("arms_transfers", "bilateral_trade"):
        years = small[name]["year"]
        assert (rows.loc[name, "first"], rows.loc[name, "last"]) == (str(years.min()), str(years.max()))
        assert rows.loc[name, "rows"] == len(small[name])
        assert rows.loc[name, "releases"] == "; ".join(coverage.releases(small.descriptor, name))
    assert rows.loc["arms_transfers", "releases"], "the SIPRI tables name their releases by id"
    events = small["events"].sort_values("start_date")
    last = events.iloc[-1]
    assert rows.loc["events", "last"] == coverage.date_in_words(last["start_date"], last["date_precision"], "month")
    assert pd.isna(rows.loc["phases", "first"]) and pd.isna(rows.loc["phases", "last"])


def test_resource_coverage_states_every_timed_resource_of_the_real_package(package: DataPackage) -> None:
    frame = coverage.resource_coverage(package).set_index("resource")
    for name in TIME_FIELDS:
        assert not pd.isna(frame.loc[name, "last"]), f"{name} has no dated row"
        assert coverage.evidence_span(package, [name]) == f"{TIME_FIELDS[name].reader} to {frame.loc[name, 'last']}"


# ---------------------------------------------------------------------------
# What a page read, and the glued line
# ---------------------------------------------------------------------------


def test_the_package_records_the_resources_read(small: DataPackage) -> None:
    fresh = DataPackage(descriptor=small.descriptor, tables=small.tables)
    assert fresh.reads == set()
    assert "nothing" not in fresh
    with pytest.raises(KeyError, match="no resource 'nothing'"):
        fresh["nothing"]
    assert fresh.reads == set(), "a resource the package lacks is not read"
    fresh["events"]
    assert "phases" in fresh
    assert fresh.reads == {"events", "phases"}
    assert fresh == small, "what was read does not change what the package is"


def test_glue_coverage_glues_the_span_of_what_was_read(small: DataPackage, monkeypatch: pytest.MonkeyPatch) -> None:
    import myst_nb

    glued: dict[str, object] = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: glued.update({name: value.data}))
    fresh = DataPackage(descriptor=small.descriptor, tables=small.tables)
    with pytest.raises(ValueError, match="no dated resource"):
        glue_coverage(fresh)
    fresh["bilateral_trade"]
    fresh["phases"]
    glue_coverage(fresh)
    assert glued == {"coverage": coverage_markdown(coverage.evidence_span(small, ["bilateral_trade"]))}
    assert glued["coverage"] == f"[{COVERAGE_LEAD} {coverage.evidence_span(small, ['bilateral_trade'])}]{{.{COVERAGE_CLASS}}}"


_STANDFIRST = re.compile(r"^```\{container\} standfirst\n.*?^```\n\n```\{glue:md\} coverage\n:format: myst\n```\n",
                         re.S | re.M)
_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.S | re.M)


@pytest.mark.parametrize("stem", CHAPTER_STEMS)
def test_every_chapter_glues_its_coverage_last_and_shows_it_under_the_standfirst(stem: str) -> None:
    text = (BOOK_DIR / f"{stem}.md").read_text(encoding="utf-8")
    assert _STANDFIRST.search(text), f"{stem}.md: show the coverage line right after the standfirst"
    first_cell = [line for line in _CELL.findall(text)[0].splitlines() if line.strip()]
    assert first_cell[-1] == "glue_coverage(package)", f"{stem}.md: call glue_coverage(package) last in its first cell"


# ---------------------------------------------------------------------------
# The footer's stamp
# ---------------------------------------------------------------------------


def test_the_sphinx_extension_adds_the_stamp_after_the_configured_footer() -> None:
    config = SimpleNamespace(html_theme_options={"extra_footer": "<p>Code MIT.</p>\n", "show_toc_level": 2})
    sphinx_coverage.on_config_inited(None, config)
    descriptor = load_package().descriptor
    label = coverage.updated_label(descriptor)
    assert config.html_theme_options == {
        "extra_footer": f'<p>Code MIT.</p>\n<p class="{sphinx_coverage.STAMP_CLASS}">{label}</p>',
        "show_toc_level": 2,
    }
    sphinx_coverage.on_config_inited(None, config)
    assert config.html_theme_options["extra_footer"].count(label) == 1


def test_the_stamp_is_read_from_the_descriptor_given(tmp_path: Path) -> None:
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text('{"version": "7.0.0", "created": "2030-03-09T00:00:00Z"}', encoding="utf-8")
    config = SimpleNamespace(html_theme_options={})
    sphinx_coverage.on_config_inited(None, config, descriptor)
    assert "Data package 7.0.0, updated 9 March 2030" in config.html_theme_options["extra_footer"]
    assert DESCRIPTOR_PATH != descriptor
