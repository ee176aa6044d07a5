"""The data dictionary is generated from the descriptor, never hand-copied."""

from __future__ import annotations

import pytest

from analysis import DataPackage
from analysis.dictionary import (
    constraint_text,
    field_dictionary,
    package_licences,
    resource_summary,
    source_table,
)

DESCRIPTOR = {
    "name": "tiny",
    "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "sources": [{"id": "sipri", "title": "SIPRI register", "producer": "SIPRI",
                 "release": "March 2025", "license": "non-commercial"}],
    "resources": [
        {
            "name": "events",
            "title": "Events",
            "description": "A dated timeline.",
            "sources": [{"title": "Our research"}],
            "schema": {"fields": [
                {"name": "event_id", "type": "string", "title": "Event",
                 "description": "Identifier.",
                 "constraints": {"required": True, "unique": True, "pattern": "E\\d{3}"}},
                {"name": "direction", "title": "Direction",
                 "constraints": {"enum": ["cooperation", "conflict"]}},
            ]},
        },
        {
            "name": "arms_transfers",
            "title": "Arms transfers",
            "description": "TIV by year.",
            "licenses": [{"title": "SIPRI terms"}],
            "sources": [{"title": "SIPRI A"}, {"title": "SIPRI B"}],
            "schema": {"fields": [
                {"name": "tiv", "type": "number", "constraints": {"minimum": 0}},
            ]},
        },
    ],
}


def test_resource_summary_rows_and_licences() -> None:
    summary = resource_summary(DESCRIPTOR, {"events": [1, 2, 3]})  # type: ignore[dict-item]
    assert summary["name"].tolist() == ["events", "arms_transfers"]
    assert summary["rows"].tolist()[0] == 3
    assert summary["rows"].isna().tolist() == [False, True]
    assert summary["licence"].tolist() == ["CC-BY-4.0", "SIPRI terms"]
    assert summary["sources"].tolist() == ["Our research", "SIPRI A; SIPRI B"]


def test_resource_summary_needs_resources() -> None:
    with pytest.raises(ValueError, match="no resources"):
        resource_summary({"resources": []})


def test_field_dictionary_reads_schema_in_order() -> None:
    fields = field_dictionary(DESCRIPTOR, "events")
    assert fields.columns.tolist() == ["field", "type", "title", "description", "constraints"]
    assert fields["field"].tolist() == ["event_id", "direction"]
    assert fields["type"].tolist() == ["string", "string"]
    assert fields.loc[0, "constraints"] == "required; unique; matches E\\d{3}"
    assert fields.loc[1, "constraints"] == "one of cooperation, conflict"


def test_field_dictionary_names_unknown_resource() -> None:
    with pytest.raises(ValueError, match="'votes'"):
        field_dictionary(DESCRIPTOR, "votes")


@pytest.mark.parametrize(
    ("constraints", "text"),
    [
        ({"minimum": 0, "maximum": 10}, "at least 0; at most 10"),
        ({"required": False}, "optional"),
        ({"unique": False}, ""),
        ({"maxLength": 3}, "at most 3 characters"),
        ({}, ""),
    ],
)
def test_constraint_text(constraints: dict, text: str) -> None:
    assert constraint_text(constraints) == text


def test_licences_and_sources_tables() -> None:
    licences = package_licences(DESCRIPTOR)
    assert licences[["resource", "licence"]].values.tolist() == [
        ["events", "CC-BY-4.0"], ["arms_transfers", ""]]
    assert licences.loc[1, "title"] == "SIPRI terms"
    sources = source_table(DESCRIPTOR)
    assert sources.loc[0, "producer"] == "SIPRI"


def test_real_descriptor_documents_every_field(package: DataPackage) -> None:
    summary = resource_summary(package.descriptor, package)
    assert set(summary["name"]) == set(package)
    assert (summary["rows"] == [len(package[n]) for n in summary["name"]]).all()
    for name in package:
        fields = field_dictionary(package.descriptor, name)
        assert fields["field"].tolist() == package[name].columns.tolist()
        assert (fields["description"].str.len() > 0).all()
