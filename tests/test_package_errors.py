"""Every fault of the package gives a clear error; ``make data`` swaps atomically.

Descriptor faults (malformed JSON, unknown resources and fields, missing files,
a type that conflicts with its constraints, header faults) become
:class:`PackageInvalidError` messages naming file, resource and field, never a
raw traceback. ``make validate`` prints no warning. The ingest exchanges the
whole package in one step and checks the research files' checksums.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from analysis import package as loader
from analysis import swap
from analysis.ingest import IngestError, build_package, sipri
from analysis.ingest import package as writer
from analysis.ingest.authored import SOURCE as AUTHORED
from analysis.ingest.base import Resource, conform, sha256_of
from analysis.paths import REPO_ROOT
from tests.package_cuts import fail_after
from tests.package_cuts import refused as _refused
from tests.package_cuts import cut_package, edit_descriptor, field_of, table_path


@pytest.fixture(autouse=True)
def _always_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loader.VALIDATED_ENV, raising=False)


def _rewrite_columns(table: Path, change: Any) -> None:
    with table.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with table.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(change(rows))


# --- descriptor faults -------------------------------------------------------------


def test_malformed_json_names_file_line_and_column(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    lines = descriptor.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].rstrip(",")  # drop a comma between two keys
    descriptor.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _refused(descriptor)
    assert str(descriptor) in message and "line 6, column" in message and "malformed JSON" in message


def test_type_conflicting_with_constraints_names_resource_and_field(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    edit_descriptor(descriptor, lambda d: field_of(d, "arms_transfers", "tiv").update(type="boolean"))
    message = _refused(descriptor)
    assert "datapackage.json" in message and "resource 'arms_transfers'" in message
    assert "field 'tiv'" in message and "boolean" in message


def test_changed_type_is_reported_per_cell(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    edit_descriptor(descriptor, lambda d: field_of(d, "arms_transfers", "supplier").update(type="integer"))
    message = _refused(descriptor)
    assert "data/arms_transfers.csv" in message and "row 2" in message and "'supplier'" in message


def test_unknown_primary_key_field_is_named(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])

    def change(d: dict[str, Any]) -> None:
        d["resources"][0]["schema"]["primaryKey"] = ["supplier", "nope"]

    edit_descriptor(descriptor, change)
    message = _refused(descriptor)
    assert "resource 'arms_transfers'" in message and "field 'nope'" in message


def test_unknown_foreign_key_resource_is_named(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["phases", "events"])

    def change(d: dict[str, Any]) -> None:
        events = next(r for r in d["resources"] if r["name"] == "events")
        events["schema"]["foreignKeys"][0]["reference"]["resource"] = "stages"

    edit_descriptor(descriptor, change)
    message = _refused(descriptor)
    assert "resource 'events'" in message and "field 'phase_id'" in message and "'stages'" in message


def test_missing_resource_file_is_named(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    table_path(descriptor, "arms_transfers").unlink()
    message = _refused(descriptor)
    assert "data/arms_transfers.csv" in message and "resource 'arms_transfers'" in message
    assert "missing" in message


def test_dropped_column_is_blamed_on_itself(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    _rewrite_columns(table_path(descriptor, "arms_transfers"), lambda rows: [r[:6] + r[7:] for r in rows])
    message = _refused(descriptor)
    first = message.splitlines()[1]
    assert "data/arms_transfers.csv" in first and "line 1" in first
    assert "field 'tiv'" in first and "'tiv' is missing" in first
    assert "source_id" not in message


def test_renamed_column_is_named_with_its_new_label(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    _rewrite_columns(table_path(descriptor, "arms_transfers"),
                     lambda rows: [[("volume" if c == "tiv" else c) for c in rows[0]], *rows[1:]])
    message = _refused(descriptor)
    assert "field 'tiv'" in message and "'volume'" in message and "line 1" in message


def test_extra_column_is_named(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    _rewrite_columns(table_path(descriptor, "arms_transfers"),
                     lambda rows: [rows[0] + ["note"], *[r + ["x"] for r in rows[1:]]])
    message = _refused(descriptor)
    assert "field 'note'" in message and "unexpected column" in message


def test_header_comparison_orders_missing_before_extra() -> None:
    assert loader.header_errors(["a", "b", "c"], ["a", "b", "c"]) == []
    assert loader.header_errors(["a", "c"], ["a", "b", "c"])[0][0] == "b"


def test_make_validate_prints_no_warning() -> None:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    env.pop(loader.VALIDATED_ENV, None)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "analysis.package"],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "valid, version" in result.stdout


# --- make data: one atomic swap ------------------------------------------------------


def _resources(tmp_path: Path, rows: int) -> list[Resource]:
    """Two tables of ``rows`` rows each (arms_transfers and a copy), so a mix shows."""
    import pandas as pd

    descriptor = cut_package(tmp_path / f"cut{rows}", ["arms_transfers"], rows=rows)
    table = pd.read_csv(table_path(descriptor, "arms_transfers"), keep_default_na=False, na_values=[""])
    spec = sipri.SOURCE.descriptors["arms_transfers"]
    typed = conform(table, spec["schema"], "arms_transfers")
    return [Resource("arms_transfers", typed, spec),
            Resource("arms_transfers_copy", typed, {**spec, "name": "arms_transfers_copy"})]


def _row_counts(folder: Path) -> set[int]:
    return {p.read_bytes().count(b"\n") - 1 for p in (folder / "data").glob("*.csv")}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A published package of 4 rows with a hand-written README beside it."""
    out = tmp_path / "pkg"
    writer.write_package(_resources(tmp_path, 4), sipri.SOURCE.origins, out)
    (out / "README.md").write_text("hand-written\n", encoding="utf-8")
    return out


def test_failure_during_the_swap_never_leaves_a_mixed_package(
    tmp_path: Path, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the first file moved left old data beside a new descriptor."""
    before = _snapshot(published)
    monkeypatch.setattr(os, "replace", fail_after(os.replace, 1, OSError("injected failure")))
    try:
        writer.write_package(_resources(tmp_path, 6), sipri.SOURCE.origins, published)
    except OSError:
        pass
    monkeypatch.undo()
    after = _snapshot(published)
    assert after == before or _row_counts(published) == {6}, "old and new tables mixed"
    assert after["README.md"] == b"hand-written\n"
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def test_failure_while_staging_leaves_the_package_untouched(
    tmp_path: Path, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(published)
    failing_format = fail_after(writer.format_table, 1, RuntimeError("injected failure after the first file"))
    monkeypatch.setattr(writer, "format_table", failing_format)
    with pytest.raises(RuntimeError, match="injected"):
        writer.write_package(_resources(tmp_path, 6), sipri.SOURCE.origins, published)
    assert _snapshot(published) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def test_failure_of_the_exchange_leaves_the_package_untouched(
    tmp_path: Path, published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(published)

    def failing_exchange(new: Path, live: Path) -> None:
        raise OSError("injected failure")

    monkeypatch.setattr(writer, "swap_in", failing_exchange)
    with pytest.raises(OSError, match="injected"):
        writer.write_package(_resources(tmp_path, 6), sipri.SOURCE.origins, published)
    assert _snapshot(published) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


@pytest.mark.parametrize("exchange", ["renameat2", "fallback"])
def test_swap_publishes_the_complete_new_package(
    tmp_path: Path, published: Path, monkeypatch: pytest.MonkeyPatch, exchange: str
) -> None:
    if exchange == "renameat2":
        if swap._RENAMEAT2 is None:
            pytest.skip("renameat2 is not available here")
        real_rename = os.rename

        def no_plain_rename(src: Any, dst: Any) -> None:
            if Path(dst) == published:
                raise AssertionError("the live folder was renamed, not exchanged")
            real_rename(src, dst)

        monkeypatch.setattr(os, "rename", no_plain_rename)
    else:
        monkeypatch.setattr(swap, "_RENAMEAT2", None)
    mode = published.stat().st_mode
    writer.write_package(_resources(tmp_path, 6), sipri.SOURCE.origins, published)
    monkeypatch.undo()
    after = _snapshot(published)
    assert after["README.md"] == b"hand-written\n"
    assert _row_counts(published) == {6}
    assert published.stat().st_mode == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut4", "cut6", "pkg"]


# --- research files' checksums -------------------------------------------------------


def test_changed_research_file_stops_make_data(sources_dir: Path, tmp_path: Path) -> None:
    research = sources_dir.parent / "research"
    if not research.is_dir():
        pytest.skip(f"research files not present at {research}")
    sources = tmp_path / "shared" / "sources"
    sources.mkdir(parents=True)
    for entry in sources_dir.iterdir():
        (sources / entry.name).symlink_to(entry)
    shutil.copytree(research, tmp_path / "shared" / "research")
    changed = tmp_path / "shared" / "research" / "events_facts.csv"
    changed.chmod(0o644)
    changed.write_text(changed.read_text(encoding="utf-8") + "E999,2030,x\n", encoding="utf-8")
    (origin,) = AUTHORED.origins
    expected = origin.files["../research/events_facts.csv"]
    with pytest.raises(IngestError) as error:
        build_package(sources, tmp_path / "out")
    message = str(error.value)
    assert "events_facts.csv" in message and expected in message and sha256_of(changed) in message
    assert not (tmp_path / "out").exists()
