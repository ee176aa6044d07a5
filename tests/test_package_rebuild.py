"""The committed package is exactly what the ingest writes from the raw sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest import IngestError, build_package
from analysis.paths import DATAPACKAGE_DIR

pytestmark = pytest.mark.sources


def test_reingest_reproduces_committed_files_byte_for_byte(
    sources_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "package"
    build_package(sources_dir, out)
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert Path("datapackage.json") in written
    for relative in written:
        committed = DATAPACKAGE_DIR / relative
        assert committed.is_file(), f"{relative} is written by the ingest but not committed"
        assert (out / relative).read_bytes() == committed.read_bytes(), (
            f"{relative} differs from the committed file: rerun `make data` and commit"
        )


def test_missing_sources_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="does not exist"):
        build_package(tmp_path / "nowhere", tmp_path / "out")
    assert not (tmp_path / "out").exists()
