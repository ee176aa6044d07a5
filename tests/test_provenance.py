"""Provenance of glued numbers: the Fact helpers, and every chapter's Facts recomputed.

The helpers are checked on small tables; then every Fact each chapter glues is
recomputed from its record alone (function, resources, arguments, pick) on the
real package and must give the same value, and the chapters' plain values are
what the prose showed before the numbers were traced.
"""

from __future__ import annotations

import importlib
import json

import pandas as pd
import pytest

from analysis import DataPackage, transfers
from analysis.chapters import TRACED_CHAPTERS as TRACED
from analysis.paths import BOOK_DIR
from analysis.provenance import (Fact, call_text, note_text, plain, recompute, records, resolve,
                                 source_text, traced, traced_each, unit_for)


ARMS = pd.DataFrame({"supplier_code": ["SUN", "SUN", "RUS"], "recipient_code": ["IRN", "IRQ", "IRN"],
                     "year": [1986, 1986, 1995], "tiv": [10.0, 30.0, 5.0]})


def test_traced_records_the_call_and_recomputes() -> None:
    package = {"arms_transfers": ARMS}
    fact = traced(transfers.total_tiv, package, "arms_transfers", "SUN", "IRQ", 1986, 1995,
                  unit="TIV million", description="Soviet deliveries to Iraq")
    assert fact.value == 30.0
    record = fact.record()
    assert record["function"] == "analysis.transfers.total_tiv"
    assert record["args"] == ["SUN", "IRQ", 1986, 1995]
    assert json.loads(json.dumps(record)) == record
    assert recompute(record, package) == 30.0
    assert call_text(record) == "analysis.transfers.total_tiv(arms_transfers, 'SUN', 'IRQ', 1986, 1995)"
    assert note_text(record).startswith("Soviet deliveries to Iraq. Computed by analysis.transfers.total_tiv(")


def test_traced_each_picks_each_key_from_one_call() -> None:
    calls = []

    def extremes(frame: pd.DataFrame) -> dict[str, object]:
        calls.append(1)
        return {"low": float(frame["tiv"].min()), "year": int(frame["year"].max())}

    found = traced_each(extremes, {"t": ARMS}, "t", units={"": "TIV million", "year": "year"},
                        description="{key} of the table")
    assert len(calls) == 1
    assert {k: (f.value, f.unit, f.pick) for k, f in found.items()} == {
        "low": (5.0, "TIV million", ("low",)), "year": (1995, "year", ("year",))}
    assert plain({**found, "t": "x"}) == {"low": 5.0, "year": 1995, "t": "x"}
    assert set(records({**found, "t": "x"})) == {"low", "year"}


def test_a_function_that_reads_the_package_records_what_it_read(package: DataPackage) -> None:
    def rows_of_events(pkg: DataPackage) -> int:
        return len(pkg["events"])

    before = set(package.reads)
    fact = traced(rows_of_events, package, (), whole_package=True, unit="count", description="rows")
    assert fact.resources == ("events",)
    assert fact.value == len(package["events"])
    assert "events" in package.reads | before
    assert fact.sources, "the events' sources come from the descriptor"


def test_unit_for_and_resolve_refuse_what_they_do_not_know() -> None:
    assert unit_for("rank_1990_1994_word", {"rank_": "rank", "r": "x"}) == "rank"
    with pytest.raises(KeyError):
        unit_for("share", {"rank_": "rank"})
    with pytest.raises(ValueError):
        resolve("analysis.transfers.no_such_function")
    with pytest.raises(TypeError):
        traced(lambda frame: [1], {"t": ARMS}, "t", unit="x", description="")
    with pytest.raises(TypeError):
        traced(transfers.total_tiv, {"t": ARMS}, "t", object(), unit="x", description="")


def test_every_chapter_is_held_to_provenance() -> None:
    assert sorted(TRACED) == sorted(path.stem for path in BOOK_DIR.glob("*.md"))


def test_notes_read_as_plain_sentences(package: DataPackage) -> None:
    """A date's note names its event as a list, not a one-item tuple; a release is said once."""
    from analysis.chapters import common

    note = note_text(common.dates(package, ["E002"])["date_E002"].record())
    assert "['E002']" in note and "('E002',)" not in note
    record = traced(transfers.total_tiv, package, "arms_transfers", "SUN", "IRN", 1980, 1988,
                    unit="TIV million", description="Soviet deliveries to Iran").record()
    for source in record["sources"]:
        release = source.get("version", "").split(" (")[0]
        if release:
            assert source_text({**record, "sources": [source]}).count(release) == 1, source
    assert ") (" not in source_text(record)


@pytest.mark.parametrize("stem", TRACED)
def test_every_fact_of_a_chapter_recomputes_from_its_record(stem: str, package: DataPackage) -> None:
    facts = importlib.import_module(f"analysis.chapters.{stem}").facts(package)
    traced_facts = {key: value for key, value in facts.items() if isinstance(value, Fact)}
    assert traced_facts, f"{stem} glues no traced value"
    for key, fact in traced_facts.items():
        record = json.loads(json.dumps(fact.record()))
        assert recompute(record, package) == fact.value, f"{stem}: {key}"
        assert fact.description and fact.unit, f"{stem}: {key}"
        # A value read from the descriptor alone (a count of tables or sources) reads no table.
        assert fact.resources or fact.whole_package, f"{stem}: {key} names no resource it read"
        for source in fact.sources:
            assert source["title"], f"{stem}: {key}"


@pytest.mark.parametrize("stem", TRACED)
def test_every_number_a_traced_chapter_glues_is_traced(stem: str, package: DataPackage) -> None:
    facts = importlib.import_module(f"analysis.chapters.{stem}").facts(package)
    bare = [key for key, value in facts.items() if isinstance(value, int | float)]
    assert not bare, f"{stem} glues numbers without provenance: {bare}"


def test_a_note_drawn_from_many_sources_counts_them_and_says_where_they_are_listed(package: DataPackage) -> None:
    """A count over the whole scorecard reads every table: its note gives the number of sources,
    not a wall of titles, and the data page really has the section it points to."""
    from analysis.chapters import common
    from analysis.paths import BOOK_DIR
    from analysis.provenance import NAMED_SOURCES, SOURCES_LISTED

    record = traced(common.scorecard_counts, package, (), unit="claims", description="claims",
                    pick=("n_claims",), whole_package=True).record()
    assert len(record["sources"]) > NAMED_SOURCES
    note = note_text(record)
    assert f"Source: {len(record['sources'])} of the package's sources, {SOURCES_LISTED}." in note
    assert not any(source["title"] in note for source in record["sources"])
    section = SOURCES_LISTED.rpartition(" under ")[2]
    assert f"## {section}" in (BOOK_DIR / "data.md").read_text(encoding="utf-8")
    few = traced(transfers.total_tiv, package, "arms_transfers", "SUN", "IRN", 1980, 1988,
                 unit="TIV million", description="Soviet deliveries to Iran").record()
    assert 0 < len(few["sources"]) <= NAMED_SOURCES
    assert all(source["title"].split(" (")[0] in note_text(few) for source in few["sources"])
