"""Tests of the authored tables (events, phases, claims, claim_events, publishers, event_sources).

Corrupted variants start from a copy of the real tables of ``data/authored/``
in ``tmp_path`` with one cell (or one column) changed, so each failure is a
realistic editing mistake; every test asserts that the error names the file,
the 1-based line and the field.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import evidence
from analysis.ingest import authored
from analysis.ingest.authored.parse import DERIVED_FIELDS, authored_schema
from analysis.ingest.base import check_origin, format_table
from analysis.ingest.errors import IngestError
from analysis.paths import AUTHORED_DIR, DATAPACKAGE_DIR, default_sources_dir

SOURCE = authored.SOURCE
TABLES = authored.RESOURCE_NAMES


def constraint(resource: str, field: str, name: str) -> object:
    """Return a constraint of a field in the authored descriptors."""
    fields = SOURCE.descriptors[resource]["schema"]["fields"]
    return next(f for f in fields if f["name"] == field)["constraints"][name]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


@pytest.fixture
def authored_dir(tmp_path: Path) -> Path:
    """A folder holding copies of the real authored tables."""
    for name in TABLES:
        shutil.copy(AUTHORED_DIR / f"{name}.csv", tmp_path / f"{name}.csv")
    return tmp_path


def read_rows(package_dir: Path, name: str) -> list[dict[str, str]]:
    """Read an authored CSV as dicts (the committed tables have no multi-line cells)."""
    with (package_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(
    package_dir: Path, name: str, rows: list[dict[str, str]], encoding: str = "utf-8"
) -> None:
    """Write dict rows back as the authored CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (package_dir / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))


def mutate(package_dir: Path, name: str, key: str, field: str, value: str) -> int:
    """Set one cell of the row whose first column is ``key``; return that row's line.

    Line numbers count the header as line 1.
    """
    rows = read_rows(package_dir, name)
    first = next(iter(rows[0]))
    index = next(i for i, row in enumerate(rows) if row[first] == key)
    rows[index][field] = value
    write_rows(package_dir, name, rows)
    return index + 2


def assert_fails(package_dir: Path, name: str, line: int | None, field: str | None) -> IngestError:
    """Build and require an IngestError pointing at ``<name>.csv``, ``line``, ``field``."""
    with pytest.raises(IngestError) as caught:
        SOURCE.resources(package_dir)
    error = caught.value
    message = str(error)
    path = str(package_dir / f"{name}.csv")
    assert error.path == path, message
    assert message.startswith(path), message
    assert error.line == line, message
    if line is not None:
        assert f"line {line}" in message
    assert error.field == field, message
    if field is not None:
        assert f"field {field!r}" in message
    return error


# --------------------------------------------------------------------------
# The real committed tables
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    """The real authored tables, built from ``data/authored/``."""
    return {r.name: r.table for r in SOURCE.build(AUTHORED_DIR)}


def test_real_tables_build_with_schema_columns_and_sorted_keys() -> None:
    for resource in SOURCE.build(AUTHORED_DIR):
        schema = resource.descriptor["schema"]
        assert list(resource.table.columns) == [f["name"] for f in schema["fields"]]
        key = resource.table[schema["primaryKey"]]
        assert key.equals(key.sort_values(schema["primaryKey"]).reset_index(drop=True))
        assert not key.duplicated().any()


def test_committed_files_are_in_canonical_form() -> None:
    # The package's copies are written from these files, with the derived fields added:
    # both must be canonical.
    for resource in SOURCE.build(AUTHORED_DIR):
        typed = [f["name"] for f in authored_schema(resource.name, resource.descriptor["schema"])["fields"]]
        authored_text = format_table(resource.table[typed])
        assert authored_text == (AUTHORED_DIR / f"{resource.name}.csv").read_text(encoding="utf-8")
        assert format_table(resource.table) == (
            DATAPACKAGE_DIR / "data" / f"{resource.name}.csv").read_text(encoding="utf-8")


def test_derived_fields_are_in_the_package_not_in_the_files() -> None:
    for resource in SOURCE.build(AUTHORED_DIR):
        header = (AUTHORED_DIR / f"{resource.name}.csv").read_text(encoding="utf-8").split("\n")[0]
        for name in DERIVED_FIELDS.get(resource.name, ()):
            assert name in resource.table.columns and name not in header.split(",")


def test_thirty_claims_each_with_verdict_and_reason(real: dict[str, pd.DataFrame]) -> None:
    claims = real["claims"]
    assert list(claims["claim_id"]) == [f"C{i:02d}" for i in range(1, len(claims) + 1)]
    assert claims["verdict"].notna().all()
    assert claims["reason"].str.len().min() > 40
    assert set(claims["verdict"]) <= set(constraint("claims", "verdict", "enum"))


def test_every_phase_is_used_by_events(real: dict[str, pd.DataFrame]) -> None:
    assert set(real["phases"]["phase_id"]) == set(real["events"]["phase_id"])


def test_every_event_has_an_http_source(real: dict[str, pd.DataFrame]) -> None:
    events, sources = real["events"], real["event_sources"]
    assert len(events) > 0 and events["event_id"].is_unique
    assert set(sources["event_id"]) == set(events["event_id"])
    assert sources["url"].str.match(r"https?://").all()
    first = sources.groupby("event_id")["rank"].apply(lambda r: sorted(r.tolist()))
    assert all(ranks == list(range(1, len(ranks) + 1)) for ranks in first)


def test_every_grade_follows_from_the_sources_by_the_rule(real: dict[str, pd.DataFrame]) -> None:
    """The package's grade of each event is the rule applied to that event's source rows."""
    rows = real["event_sources"].merge(real["publishers"], on="host")
    for event_id, grade in zip(real["events"]["event_id"], real["events"]["grade"], strict=True):
        mine = rows[rows["event_id"] == event_id]
        origins = mine["original_publisher"].fillna(mine["publisher"])
        cited = [evidence.Source(str(k), str(s), str(o))
                 for k, s, o in zip(mine["kind"], mine["stance"], origins, strict=True)]
        assert grade == evidence.grade(cited), event_id


def test_every_claim_is_linked_or_decided_by_sources(real: dict[str, pd.DataFrame]) -> None:
    linked = set(real["claim_events"]["claim_id"])
    claims = real["claims"]
    unlinked = claims[~claims["claim_id"].isin(linked)]
    assert (unlinked["basis"] == "sources").all(), list(unlinked["claim_id"])


def test_essay_date_error_is_recorded(real: dict[str, pd.DataFrame]) -> None:
    events = real["events"].set_index("event_id")
    claims = real["claims"].set_index("claim_id")
    assert events.loc["E002", "date"] == "1979-12-24"
    assert claims.loc["C05", "verdict"] == "partly supported"  # right event, wrong year by days
    assert "24 December 1979" in claims.loc["C05", "reason"]


def test_descriptors_validate_as_a_package(tmp_path: Path) -> None:
    from analysis.ingest.package import write_package

    path = write_package(SOURCE.build(AUTHORED_DIR), SOURCE.origins, tmp_path / "pkg")
    assert path.is_file()
    for resource in SOURCE.build(AUTHORED_DIR):
        for field in resource.descriptor["schema"]["fields"]:
            assert {"name", "type", "title", "description", "constraints"} <= set(field)


@pytest.mark.sources
def test_origin_checksums_match_the_research_files() -> None:
    sources = default_sources_dir()
    if not (sources.parent / "research").is_dir():
        pytest.skip("research fact base not available")
    check_origin(SOURCE.origins[0], sources)


@pytest.mark.sources
def test_c15_rank_agrees_with_sipri(real: dict[str, pd.DataFrame]) -> None:
    path = default_sources_dir() / "sipri/tiv_tables_by_supplier_1950-2021/TIV-Export-RUS-1950-2021.csv"
    if not path.is_file():
        pytest.skip("SIPRI TIV tables not available")
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(",1950,1951"))
    body = [line for line in lines[start:] if line.strip(",").strip()]
    table = pd.read_csv(io.StringIO("\n".join(body)))
    table = table.rename(columns={table.columns[0]: "recipient"}).set_index("recipient")
    year_2000 = pd.to_numeric(table.drop(index="Total")["2000"], errors="coerce")
    ranking = year_2000.sort_values(ascending=False)
    assert list(ranking.index).index("Iran") + 1 == 3
    reason = real["claims"].set_index("claim_id").loc["C15", "reason"]
    assert "third" in reason and f"2022 release agrees ({ranking['Iran']:.0f}, third)" in reason


# --------------------------------------------------------------------------
# Corrupted variants
# --------------------------------------------------------------------------


def test_copy_of_real_tables_builds(authored_dir: Path) -> None:
    assert [r.name for r in SOURCE.build(authored_dir)] == list(TABLES)


#: One wrong cell each: table, row key, field, new value, and a phrase the error must hold
#: (None: the file, line and field checks of :func:`assert_fails` only).
CELL_MISTAKES = [
    pytest.param("events", "E001", "date", "11/02/1979", None, id="wrong_date_format"),
    pytest.param("events", "E001", "date", "1979", None, id="year_date_on_a_day_row"),
    pytest.param("events", "E003", "start_date", "1980-06-01", None, id="start_date_disagreeing_with_date"),
    pytest.param("events", "E005", "category", "war", None, id="unknown_category"),
    pytest.param("events", "E011", "direction", "friendly", None, id="unknown_direction"),
    pytest.param("events", "E011", "date_precision", "week", None, id="unknown_precision"),
    pytest.param("events", "E010", "phase_id", "cold_war", None, id="broken_phase_foreign_key"),
    pytest.param("events", "E020", "title", "", None, id="missing_required_title"),
    pytest.param("claims", "C15", "verdict", "true", None, id="unknown_verdict"),
    pytest.param("claims", "C05", "phase_id", "revolution", None, id="claim_with_broken_phase"),
    pytest.param("claims", "C15", "resources", "", None, id="data_basis_without_resources"),
    pytest.param("claims", "C01", "paragraph", "9", None, id="paragraph_out_of_range"),
    pytest.param("events", "E001", "actors", "IRN; XYZ", None, id="unknown_state_code"),
    pytest.param("event_sources", "E001", "url", "www.example.org/page", None, id="source_url_without_scheme"),
    pytest.param("event_sources", "E001", "url", "https://www.trtworld.com:443/article/a", "default port",
                 id="source_url_with_default_port"),
    pytest.param("event_sources", "E001", "url", "http://web.archive.org./web/1/x", "ends in a dot",
                 id="source_url_host_with_trailing_dot"),
    pytest.param("event_sources", "E001", "url", "https://unknown-outlet.example/a", "has no publisher",
                 id="source_host_without_publisher"),
    pytest.param("event_sources", "E001", "event_id", "E999", None, id="source_of_an_unknown_event"),
    pytest.param("event_sources", "E001", "stance", "agrees", None, id="unknown_stance"),
    pytest.param("event_sources", "E001", "rank", "3", "expected 1", id="rank_with_a_gap"),
    pytest.param("event_sources", "E001", "published", "2030-01", "after the package", id="published_in_the_future"),
    pytest.param("event_sources", "E001", "published", "1980-02-30", "real calendar date", id="impossible_published"),
    pytest.param("event_sources", "E001", "claim", "", None, id="source_without_claim"),
    pytest.param("events", "E044", "date", "2021-02-30", "real calendar date", id="impossible_calendar_date"),
    pytest.param("events", "E003", "date", "1980-05-01", "year precision", id="day_precision_date_on_a_year_row"),
    pytest.param("events", "E002", "event_id", "E001", "first used on line 2", id="duplicate_event_id"),
    pytest.param("events", "E001", "phase_id", "thaw", "1979", id="event_outside_its_phase_years"),
]


@pytest.mark.parametrize(("table", "key", "field", "value", "phrase"), CELL_MISTAKES)
def test_wrong_cell(
    authored_dir: Path, table: str, key: str, field: str, value: str, phrase: str | None
) -> None:
    line = mutate(authored_dir, table, key, field, value)
    error = assert_fails(authored_dir, table, line, field)
    if phrase is not None:
        assert phrase in str(error)


def test_impossible_month(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "events")
    index = next(i for i, r in enumerate(rows) if r["event_id"] == "E093")
    rows[index]["date"], rows[index]["start_date"] = "1986-13", "1986-13-01"
    write_rows(authored_dir, "events", rows)
    assert_fails(authored_dir, "events", index + 2, "start_date")


@pytest.mark.parametrize(
    ("index", "field", "value"),
    [
        pytest.param(3, "event_id", "E999", id="broken_claim_events_foreign_key"),
        pytest.param(0, "claim_id", "C31", id="broken_claim_foreign_key_in_links"),
        pytest.param(2, "role", "proves", id="unknown_role"),
    ],
)
def test_wrong_link(authored_dir: Path, index: int, field: str, value: str) -> None:
    rows = read_rows(authored_dir, "claim_events")
    rows[index][field] = value
    write_rows(authored_dir, "claim_events", rows)
    assert_fails(authored_dir, "claim_events", index + 2, field)


def test_duplicate_link(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "claim_events")
    rows.insert(1, dict(rows[0], role="context"))
    write_rows(authored_dir, "claim_events", rows)
    assert_fails(authored_dir, "claim_events", 3, "claim_id, event_id")


def test_phase_orders_with_gap(authored_dir: Path) -> None:
    line = mutate(authored_dir, "phases", "ukraine", "order", "7")
    assert line > 1
    assert_fails(authored_dir, "phases", None, "order")


def test_extra_column(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "events")
    for row in rows:
        row["source_url_1"] = ""
    write_rows(authored_dir, "events", rows)
    assert_fails(authored_dir, "events", 1, "source_url_1")


def test_derived_column_typed_by_hand_is_refused(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "events")
    for row in rows:
        row["grade"] = "confirmed"
    write_rows(authored_dir, "events", rows)
    assert_fails(authored_dir, "events", 1, "grade")


def test_event_without_sources_is_named(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "event_sources")
    write_rows(authored_dir, "event_sources", [r for r in rows if r["event_id"] != "E003"])
    line = next(i for i, r in enumerate(read_rows(authored_dir, "events")) if r["event_id"] == "E003") + 2
    error = assert_fails(authored_dir, "events", line, "event_id")
    assert "'E003' has no source" in str(error)


def test_same_address_twice_for_one_event(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "event_sources")
    index = next(i for i, r in enumerate(rows) if r["event_id"] == "E002" and r["rank"] == "2")
    rows[index]["url"] = rows[index - 1]["url"]
    write_rows(authored_dir, "event_sources", rows)
    assert_fails(authored_dir, "event_sources", index + 2, "url")


def test_missing_column(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "claims")
    for row in rows:
        del row["basis"]
    write_rows(authored_dir, "claims", rows)
    assert_fails(authored_dir, "claims", 1, "basis")


def test_columns_out_of_order(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "claim_events")
    reordered = [{"event_id": r["event_id"], "claim_id": r["claim_id"], "role": r["role"]} for r in rows]
    write_rows(authored_dir, "claim_events", reordered)
    assert_fails(authored_dir, "claim_events", 1, "event_id")


def test_short_row(authored_dir: Path) -> None:
    path = authored_dir / "phases.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    lines[2] = ",".join(lines[2].split(",")[:3]) + "\n"  # the first three cells of a row, no more
    path.write_text("".join(lines), encoding="utf-8")
    assert_fails(authored_dir, "phases", 3, header[3])


def test_latin1_encoded_file(authored_dir: Path) -> None:
    rows = read_rows(authored_dir, "events")
    index = next(i for i, r in enumerate(rows) if r["event_id"] == "E041")
    rows[index]["description"] = "Russia, Iran and Türkiye agree to monitor a ceasefire."
    write_rows(authored_dir, "events", rows, encoding="latin-1")
    error = assert_fails(authored_dir, "events", index + 2, "description")
    assert "UTF-8" in str(error) and "Latin-1" in str(error)


def test_missing_file(authored_dir: Path) -> None:
    (authored_dir / "claims.csv").unlink()
    assert_fails(authored_dir, "claims", None, None)


# --------------------------------------------------------------------------
# Markup is data
# --------------------------------------------------------------------------


def test_html_in_description_round_trips_unchanged(authored_dir: Path) -> None:
    markup = '<script>alert("x")</script> & <b>bold</b>, "quoted"'
    mutate(authored_dir, "events", "E001", "description", markup)
    events = next(r for r in SOURCE.build(authored_dir) if r.name == "events")
    assert events.table.set_index("event_id").loc["E001", "description"] == markup
    written = list(csv.DictReader(io.StringIO(format_table(events.table))))
    assert next(r for r in written if r["event_id"] == "E001")["description"] == markup
