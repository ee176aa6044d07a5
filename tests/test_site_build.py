"""The build driver: the execution cache is cleared exactly when inputs change."""

from __future__ import annotations

from pathlib import Path

from analysis import build_book


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "inputs"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "pkg" / "__pycache__").mkdir()
    (root / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"junk")
    return root


def test_fingerprint_changes_with_content(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.setattr(build_book, "REPO_ROOT", tmp_path)
    first = build_book.inputs_fingerprint([root])
    assert build_book.inputs_fingerprint([root]) == first
    (root / "pkg" / "a.py").write_text("x = 2\n")
    assert build_book.inputs_fingerprint([root]) != first


def test_fingerprint_ignores_bytecode(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.setattr(build_book, "REPO_ROOT", tmp_path)
    first = build_book.inputs_fingerprint([root])
    (root / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"other junk")
    assert build_book.inputs_fingerprint([root]) == first


def test_cache_cleared_only_on_change(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    build_dir = tmp_path / "_build"
    cache = build_dir / ".jupyter_cache"
    cache.mkdir(parents=True)
    monkeypatch.setattr(build_book, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(build_book, "BUILD_DIR", build_dir)
    monkeypatch.setattr(build_book, "CACHE_DIR", cache)
    monkeypatch.setattr(build_book, "FINGERPRINT_FILE", build_dir / ".inputs-fingerprint")
    monkeypatch.setattr(build_book, "INPUT_ROOTS", (root,))
    assert build_book.refresh_cache() is True  # no fingerprint yet
    build_book.FINGERPRINT_FILE.write_text(build_book.inputs_fingerprint())
    cache.mkdir()
    assert build_book.refresh_cache() is False and cache.is_dir()
    (root / "pkg" / "a.py").write_text("x = 3\n")
    assert build_book.refresh_cache() is True and not cache.exists()


def test_real_inputs_cover_code_and_data() -> None:
    names = {p.name for p in build_book.input_files()}
    assert {"datapackage.json", "transfers.py", "requirements.lock"} <= names
    assert not any(p.suffix == ".pyc" for p in build_book.input_files())
