"""Tests of the Security Council votes on Iran (``security_council_votes``).

The real table is checked against the rules of the Council and against the
package's other tables (events, publishers); the corrupted variants start
from copies of the real authored tables with one cell changed, and the error
must name the file, the line and the field. Nothing here pins a count or a
vote: every expectation is derived from the table or the descriptor.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.evidence import REPUTABLE_KINDS
from analysis.ingest import authored
from analysis.ingest.authored.votes import (
    COUNCIL_SIZE,
    COUNT_FIELDS,
    MAJORITY,
    PERMANENT_VOTES,
    RUSSIAN_SEAT_FROM,
    expected_outcome,
)
from analysis.ingest.errors import IngestError
from analysis.package import DataPackage
from analysis.publishers import source_host, url_problem
from analysis.paths import AUTHORED_DIR

NAME = "security_council_votes"


@pytest.fixture(scope="module")
def votes(package: DataPackage) -> pd.DataFrame:
    """The votes as the package holds them."""
    return package[NAME]


# --------------------------------------------------------------------------
# The real table
# --------------------------------------------------------------------------


def test_counts_fill_the_council(votes: pd.DataFrame) -> None:
    assert len(votes) > 0
    assert (votes[list(COUNT_FIELDS)].sum(axis=1) == COUNCIL_SIZE).all()
    voting = votes["votes_yes"] + votes["votes_no"] + votes["votes_abstain"]
    assert (voting == COUNCIL_SIZE - votes["votes_not_participating"]).all()


def test_permanent_votes_fit_the_counts(votes: pd.DataFrame) -> None:
    permanent = votes[list(PERMANENT_VOTES)]
    for field, vote in {"votes_yes": "yes", "votes_no": "no", "votes_abstain": "abstain"}.items():
        assert ((permanent == vote).sum(axis=1) <= votes[field]).all(), field


def test_outcome_follows_the_charter(votes: pd.DataFrame) -> None:
    for row in votes.itertuples():
        permanent = [v for v in (getattr(row, p) for p in PERMANENT_VOTES) if pd.notna(v)]
        assert row.outcome == expected_outcome(row.kind, row.votes_yes, permanent), row.vote_id
        if row.outcome == "vetoed":
            assert row.kind == "draft resolution" and "no" in permanent and row.votes_yes >= MAJORITY
        if row.kind == "draft resolution" and "no" in permanent and row.outcome != "vetoed":
            assert row.votes_yes < MAJORITY, row.vote_id  # a "no" without nine in favour is no veto
    assert votes["resolution"].notna().tolist() == (
        (votes["outcome"] == "adopted") & (votes["kind"] == "draft resolution")).tolist()


def test_russia_vetoes_are_recorded_as_such(votes: pd.DataFrame) -> None:
    russian_no = votes[(votes["russia_vote"] == "no") & (votes["kind"] == "draft resolution")]
    enough = russian_no["votes_yes"] >= MAJORITY
    assert (russian_no.loc[enough, "outcome"] == "vetoed").all()
    assert (russian_no.loc[~enough, "outcome"] == "not adopted").all()


def test_ids_carry_the_dates_in_order(votes: pd.DataFrame) -> None:
    days = votes["date"].dt.strftime("%Y-%m-%d")
    assert (votes["vote_id"].str[3:13] == days).all()
    ordered = votes.sort_values("vote_id")
    assert ordered["date"].is_monotonic_increasing
    assert (votes["year"] == votes["date"].dt.year).all()


def test_seat_holder_follows_the_date(votes: pd.DataFrame) -> None:
    soviet = votes["date"] < pd.Timestamp(RUSSIAN_SEAT_FROM)
    assert (votes.loc[soviet, "russia_seat"] == "Soviet Union").all()
    assert (votes.loc[~soviet, "russia_seat"] == "Russian Federation").all()


def test_linked_events_exist_and_fall_on_the_day(votes: pd.DataFrame, package: DataPackage) -> None:
    events = package["events"].set_index("event_id")
    linked = votes.dropna(subset=["event_id"])
    assert len(linked) > 0
    assert set(linked["event_id"]) <= set(events.index)
    for row in linked.itertuples():
        assert events.loc[row.event_id, "date_precision"] == "day"
        assert events.loc[row.event_id, "start_date"] == row.date, row.vote_id


def test_every_vote_has_a_reputable_graded_source(votes: pd.DataFrame, package: DataPackage) -> None:
    publishers = package["publishers"].set_index("host")
    assert votes["source_url"].map(url_problem).isna().all()
    assert votes["host"].tolist() == [source_host(u) for u in votes["source_url"]]
    assert set(votes["host"]) <= set(publishers.index)
    kinds = votes["host"].map(publishers["kind"])
    assert kinds.isin(REPUTABLE_KINDS).all(), votes.loc[~kinds.isin(REPUTABLE_KINDS), "vote_id"].tolist()
    assert votes["accessed"].notna().all()


def test_package_declares_the_keys(package: DataPackage) -> None:
    keys = {tuple(k["fields"]): k["reference"] for k in package.resource(NAME)["schema"]["foreignKeys"]}
    assert keys[("event_id",)] == {"resource": "events", "fields": ["event_id"]}
    assert keys[("host",)] == {"resource": "publishers", "fields": ["host"]}


# --------------------------------------------------------------------------
# Broken copies must fail with the file, line and field named
# --------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Copies of the real authored tables."""
    for name in authored.RESOURCE_NAMES:
        shutil.copy(AUTHORED_DIR / f"{name}.csv", tmp_path / f"{name}.csv")
    return tmp_path


def edit(folder: Path, pick: str, changes: dict[str, str]) -> int:
    """Change cells of the first vote row whose outcome is ``pick``; return its line (header = 1)."""
    with (folder / f"{NAME}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    index = next(i for i, r in enumerate(rows) if r["outcome"] == pick)
    rows[index].update(changes)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / f"{NAME}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return index + 2


def fails_at(folder: Path, line: int, field: str) -> str:
    """Build ``folder`` and require an error at ``line`` and ``field`` of the votes file."""
    with pytest.raises(IngestError) as caught:
        authored.SOURCE.resources(folder)
    error = caught.value
    message = str(error)
    assert error.path == str(folder / f"{NAME}.csv"), message
    assert error.line == line and f"line {line}" in message, message
    assert error.field == field and f"field {field!r}" in message, message
    return message


def test_counts_that_miss_a_member_fail(folder: Path) -> None:
    line = edit(folder, "adopted", {"votes_not_participating": "1"})
    assert "add up to" in fails_at(folder, line, "votes_yes")


def test_a_veto_recorded_as_adopted_fails(folder: Path) -> None:
    line = edit(folder, "vetoed", {"outcome": "adopted"})
    assert "'vetoed'" in fails_at(folder, line, "outcome")


def test_a_failed_draft_called_a_veto_fails(folder: Path) -> None:
    line = edit(folder, "not adopted", {"outcome": "vetoed"})
    assert "'not adopted'" in fails_at(folder, line, "outcome")


def test_more_permanent_abstentions_than_counted_fail(folder: Path) -> None:
    line = edit(folder, "adopted", {p: "abstain" for p in PERMANENT_VOTES} | {
        "votes_yes": str(COUNCIL_SIZE - 1), "votes_abstain": "1", "votes_no": "0",
        "votes_not_participating": "0"})
    fails_at(folder, line, "votes_abstain")


def test_adopted_draft_without_number_fails(folder: Path) -> None:
    line = edit(folder, "adopted", {"resolution": ""})
    assert "resolution number" in fails_at(folder, line, "resolution")


def test_unknown_vote_value_fails(folder: Path) -> None:
    line = edit(folder, "adopted", {"russia_vote": "veto"})
    fails_at(folder, line, "russia_vote")


def test_identifier_without_its_date_fails(folder: Path) -> None:
    line = edit(folder, "vetoed", {"vote_id": "SC-1900-01-01"})
    fails_at(folder, line, "vote_id")


def test_event_of_another_day_fails(folder: Path) -> None:
    events = pd.read_csv(AUTHORED_DIR / "events.csv", dtype=str)
    with (folder / f"{NAME}.csv").open(encoding="utf-8", newline="") as handle:
        first = next(r for r in csv.DictReader(handle) if r["outcome"] == "vetoed")
    other = events.loc[(events["date_precision"] == "day") & (events["start_date"] != first["date"]),
                       "event_id"].iloc[0]
    line = edit(folder, "vetoed", {"event_id": other})
    assert "day of the vote" in fails_at(folder, line, "event_id")


def test_unknown_event_fails(folder: Path) -> None:
    line = edit(folder, "vetoed", {"event_id": "E999"})
    fails_at(folder, line, "event_id")


def test_source_without_publisher_fails(folder: Path) -> None:
    line = edit(folder, "adopted", {"source_url": "https://unknown-outlet.example/vote"})
    assert "publishers.csv" in fails_at(folder, line, "source_url")
