"""The build driver (``analysis.site.build``): the cache is cleared exactly when inputs change."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.site import build


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "inputs"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "pkg" / "__pycache__").mkdir()
    (root / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"junk")
    return root


def test_fingerprint_changes_with_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    first = build.inputs_fingerprint([root])
    assert build.inputs_fingerprint([root]) == first
    (root / "pkg" / "a.py").write_text("x = 2\n")
    assert build.inputs_fingerprint([root]) != first


def test_fingerprint_ignores_bytecode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    first = build.inputs_fingerprint([root])
    (root / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"other junk")
    assert build.inputs_fingerprint([root]) == first


def test_cache_cleared_only_on_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    build_dir = tmp_path / "_build"
    cache = build_dir / ".jupyter_cache"
    cache.mkdir(parents=True)
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(build, "BUILD_DIR", build_dir)
    monkeypatch.setattr(build, "CACHE_DIR", cache)
    monkeypatch.setattr(build, "FINGERPRINT_FILE", build_dir / ".inputs-fingerprint")
    monkeypatch.setattr(build, "STAGE_ROOT", build_dir / "stage")
    monkeypatch.setattr(build, "INPUT_ROOTS", (root,))
    published = build_dir / "html" / "index.html"
    published.parent.mkdir()
    published.write_text("the last complete site")
    assert build.refresh_cache() is True  # no fingerprint yet
    build.FINGERPRINT_FILE.write_text(build.inputs_fingerprint())
    cache.mkdir()
    (build_dir / "stage").mkdir()
    assert build.refresh_cache() is False and cache.is_dir() and (build_dir / "stage").is_dir()
    (root / "pkg" / "a.py").write_text("x = 3\n")
    assert build.refresh_cache() is True and not cache.exists()
    assert not (build_dir / "stage").exists()
    assert published.read_text() == "the last complete site"  # never touched here


def test_an_unfinished_staging_build_is_discarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = tmp_path / "stage"
    monkeypatch.setattr(build, "STAGE_ROOT", stage)
    monkeypatch.setattr(build, "COMPLETE_MARK", stage / ".complete")
    (stage / "_build" / "html").mkdir(parents=True)
    (stage / "_build" / "html" / "half-written.html").write_text("<html")
    build.prepare_stage()  # no mark: an interrupted or failed build
    assert stage.is_dir() and not any(stage.rglob("*.html"))
    (stage / "_build" / "html").mkdir(parents=True)
    (stage / "_build" / "html" / "page.html").write_text("<html></html>")
    (stage / ".complete").touch()
    build.prepare_stage()  # a finished build is reused, and unmarked until it finishes again
    assert (stage / "_build" / "html" / "page.html").is_file()
    assert not (stage / ".complete").exists()


def test_real_inputs_cover_code_and_data() -> None:
    names = {p.name for p in build.input_files()}
    assert {"datapackage.json", "package.py", "rir-embed.js", "requirements.lock"} <= names
    assert not any(p.suffix == ".pyc" for p in build.input_files())


def test_two_builds_of_one_folder_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(build, "BUILD_DIR", tmp_path / "_build")
    entered = threading.Event()

    def second_build() -> None:
        with build.build_lock():
            entered.set()

    with build.build_lock():
        waiting = threading.Thread(target=second_build)
        waiting.start()
        assert not entered.wait(timeout=0.5), "a second build ran while the first held the lock"
    assert entered.wait(timeout=5), "the second build never got the lock"
    waiting.join()
