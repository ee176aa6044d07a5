"""The authored ``publishers`` table and its checks against the events' sources (``event_sources``).

Each corrupted variant starts from copies of the real authored tables in
``tmp_path`` with one realistic editing mistake; every test asserts that the
error names the file, the 1-based line (the header is line 1) and the field.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from analysis.ingest import authored
from analysis.ingest.errors import IngestError
from analysis.paths import AUTHORED_DIR
from analysis.evidence import grade_order
from analysis.publishers import KINDS, source_host

SOURCE = authored.SOURCE


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding copies of the real authored tables."""
    for name in authored.RESOURCE_NAMES:
        shutil.copy(AUTHORED_DIR / f"{name}.csv", tmp_path / f"{name}.csv")
    return tmp_path


def rows_of(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(folder: Path, name: str, index: int, field: str, value: str) -> int:
    """Set one cell of row ``index`` (0-based); return the row's line in the file."""
    rows = rows_of(folder, name)
    rows[index][field] = value
    write(folder, name, rows)
    return index + 2


def failure(folder: Path) -> IngestError:
    with pytest.raises(IngestError) as caught:
        SOURCE.resources(folder)
    return caught.value


def assert_points_at(error: IngestError, folder: Path, name: str, line: int, field: str) -> None:
    message = str(error)
    assert error.path == str(folder / f"{name}.csv"), message
    assert error.line == line and f"line {line}" in message, message
    assert error.field == field and f"field {field!r}" in message, message


def test_real_publishers_cover_every_source_host() -> None:
    tables = {r.name: r.table for r in SOURCE.build(AUTHORED_DIR)}
    sources, publishers = tables["event_sources"], tables["publishers"]
    assert {source_host(u) for u in sources["url"]} <= set(publishers["host"])
    assert sources["host"].tolist() == [source_host(u) for u in sources["url"]]
    assert publishers["host"].is_unique and publishers["publisher"].str.strip().ne("").all()
    assert set(publishers["kind"]) <= set(KINDS)


def test_every_publisher_is_cited() -> None:
    tables = {r.name: r.table for r in SOURCE.build(AUTHORED_DIR)}
    assert set(tables["publishers"]["host"]) == set(tables["event_sources"]["host"])


def test_unknown_source_host_names_the_source_row_and_field(folder: Path) -> None:
    line = set_cell(folder, "event_sources", 4, "url", "https://www.unknown-outlet.example/a")
    error = failure(folder)
    assert_points_at(error, folder, "event_sources", line, "url")
    assert "'unknown-outlet.example'" in str(error) and "publishers.csv" in str(error)


def test_removed_publisher_row_is_missed_by_the_sources_that_cite_it(folder: Path) -> None:
    cites = [i + 2 for i, r in enumerate(rows_of(folder, "event_sources"))
             if source_host(r["url"]) == "tass.com"]
    write(folder, "publishers", [r for r in rows_of(folder, "publishers") if r["host"] != "tass.com"])
    assert_points_at(failure(folder), folder, "event_sources", cites[0], "url")


def test_changing_a_kind_changes_the_grades_it_decides(folder: Path) -> None:
    """Kinds live in one place: demote the official records and only events citing one change grade."""
    before = {r.name: r.table for r in SOURCE.resources(folder)}
    official = set(before["publishers"].loc[before["publishers"]["kind"] == "official record", "host"])
    write(folder, "publishers", [dict(r, kind="aggregator or blog") if r["host"] in official else r
                                 for r in rows_of(folder, "publishers")])
    after = {r.name: r.table for r in SOURCE.resources(folder)}
    sources = before["event_sources"]
    cited = set(sources.loc[sources["host"].isin(official), "event_id"])
    old = dict(zip(before["events"]["event_id"], before["events"]["grade"], strict=True))
    new = dict(zip(after["events"]["event_id"], after["events"]["grade"], strict=True))
    changed = {e for e in old if new[e] != old[e]}
    assert changed and changed <= cited
    assert all(grade_order(new[e]) > grade_order(old[e]) for e in changed)  # weaker, never stronger


def test_host_written_with_www_is_refused(folder: Path) -> None:
    publishers = rows_of(folder, "publishers")
    index = next(i for i, r in enumerate(publishers) if r["host"] == "tass.com")
    line = set_cell(folder, "publishers", index, "host", "www.tass.com")
    error = failure(folder)
    assert_points_at(error, folder, "publishers", line, "host")
    assert "'tass.com'" in str(error)


def test_host_with_port_or_capitals_breaks_the_pattern(folder: Path) -> None:
    line = set_cell(folder, "publishers", 0, "host", "Example.org:443")
    assert_points_at(failure(folder), folder, "publishers", line, "host")


def test_unknown_kind_is_refused(folder: Path) -> None:
    line = set_cell(folder, "publishers", 3, "kind", "newspaper")
    error = failure(folder)
    assert_points_at(error, folder, "publishers", line, "kind")


def test_empty_publisher_name_is_refused(folder: Path) -> None:
    line = set_cell(folder, "publishers", 5, "publisher", "")
    assert_points_at(failure(folder), folder, "publishers", line, "publisher")
