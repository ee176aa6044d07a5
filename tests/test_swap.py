"""Folders replaced in one step: the live path holds the old tree or the new one, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import swap


def _tree(root: Path, text: str) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(text)
    (root / "sub" / "b.txt").write_text(text)
    return root


def _contents(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.txt"))}


def test_exchange_swaps_two_folders_at_once(tmp_path: Path) -> None:
    old, new = _tree(tmp_path / "old", "old"), _tree(tmp_path / "new", "new")
    if not swap.exchange(new, old):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available on this system")
    assert set(_contents(old).values()) == {"new"}
    assert set(_contents(new).values()) == {"old"}


def test_replace_tree_publishes_a_copy_and_keeps_the_source(tmp_path: Path) -> None:
    live = _tree(tmp_path / "live", "old")
    (live / "only-old.txt").write_text("old")
    source = _tree(tmp_path / "source", "new")
    swap.replace_tree(source, live)
    assert _contents(live) == _contents(source)
    assert _contents(source) == {"a.txt": "new", "sub/b.txt": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live", "source"]


def test_replace_tree_creates_a_missing_target(tmp_path: Path) -> None:
    source = _tree(tmp_path / "source", "new")
    swap.replace_tree(source, tmp_path / "live")
    assert _contents(tmp_path / "live") == _contents(source)


def test_a_failed_copy_leaves_the_live_folder_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = _tree(tmp_path / "live", "old")
    source = _tree(tmp_path / "source", "new")

    def broken_copy(src: Path, dst: Path, symlinks: bool = False) -> None:
        dst.mkdir()
        (dst / "a.txt").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(swap.shutil, "copytree", broken_copy)
    with pytest.raises(OSError):
        swap.replace_tree(source, live)
    assert _contents(live) == {"a.txt": "old", "sub/b.txt": "old"}


def test_two_renames_when_exchange_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    live = _tree(tmp_path / "live", "old")
    prepared = _tree(tmp_path / ".live.new", "new")
    swap.swap_in(prepared, live)
    assert set(_contents(live).values()) == {"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live"]
