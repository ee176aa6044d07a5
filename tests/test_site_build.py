"""The build driver (``analysis.site.build``): an up-to-date book stops at once, a stale one never does.

Unit tests on small folders: the fingerprint of the site's inputs, the check
against the published site, the staging folder kept or discarded, the pages
Sphinx is made to read again, and the lock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.site import build, dependencies
from analysis.site.execute import read_json, write_json


def _repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small repository: a book page, a library module, its bytecode, a test, a build folder."""
    root = tmp_path / "repo"
    for name, text in {
        "book/page.md": "# A page\n",
        "src/pkg/a.py": "x = 1\n",
        "src/pkg/__pycache__/a.pyc": "junk",
        "tests/test_a.py": "def test(): pass\n",
        "_build/html/index.html": "<html></html>",
        "datapackage/datapackage.json": "{}",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.setattr(dependencies, "REPO_ROOT", root)
    monkeypatch.setattr(dependencies, "DATAPACKAGE_DIR", root / "datapackage")
    return root


@pytest.mark.parametrize(
    ("edited", "changes"),
    [
        ("book/page.md", True),
        ("src/pkg/a.py", True),
        ("datapackage/datapackage.json", True),
        ("src/pkg/__pycache__/a.pyc", False),
        ("tests/test_a.py", False),
        ("_build/html/index.html", False),
    ],
)
def test_site_fingerprint_follows_sources_not_caches_tests_or_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edited: str, changes: bool
) -> None:
    root = _repository(tmp_path, monkeypatch)
    before = dependencies.site_fingerprint()
    assert dependencies.site_fingerprint() == before
    (root / edited).write_text("edited")
    assert (dependencies.site_fingerprint() != before) is changes


def test_site_fingerprint_follows_new_files_and_build_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repository(tmp_path, monkeypatch)
    before = dependencies.site_fingerprint()
    assert dependencies.site_fingerprint(["-v"]) != before
    (root / "book" / "new.md").write_text("")
    assert dependencies.site_fingerprint() != before


def _published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    html = tmp_path / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("the last complete site")
    monkeypatch.setattr(build, "HTML_DIR", html)
    monkeypatch.setattr(build, "PUBLISHED_FILE", tmp_path / "_build" / ".published.json")
    write_json(build.PUBLISHED_FILE, {"inputs": "abc", "site": build.site_stamp(html)})
    return html


def test_up_to_date_only_for_the_same_inputs_and_the_same_published_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _published(tmp_path, monkeypatch)
    assert build.up_to_date("abc")
    assert not build.up_to_date("abd")
    # Another folder in its place (a site published by other means, or restored): not trusted.
    html.rename(tmp_path / "old")
    html.mkdir()
    (html / "index.html").write_text("another site")
    assert not build.up_to_date("abc")


def test_not_up_to_date_without_a_whole_site_or_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _published(tmp_path, monkeypatch)
    build.PUBLISHED_FILE.unlink()
    assert not build.up_to_date("abc")
    write_json(build.PUBLISHED_FILE, {"inputs": "abc", "site": build.site_stamp(html)})
    (html / "index.html").unlink()
    assert not build.up_to_date("abc")


def _stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    stage = tmp_path / "stage"
    monkeypatch.setattr(build, "STAGE_ROOT", stage)
    monkeypatch.setattr(build, "COMPLETE_MARK", stage / ".complete")
    monkeypatch.setattr(build, "DOCTREES", stage / "_build" / ".doctrees")
    (stage / "_build" / "html").mkdir(parents=True)
    (stage / "_build" / "html" / "page.html").write_text("<html></html>")
    return stage


def test_an_unfinished_staging_build_is_discarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stage = _stage(tmp_path, monkeypatch)
    assert build.prepare_stage(["pages"]) == {}  # no mark: an interrupted or failed build
    assert stage.is_dir() and not any(stage.rglob("*.html"))
    assert "discarded" in capsys.readouterr().out


def test_a_finished_staging_build_is_kept_only_for_the_same_pages_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = _stage(tmp_path, monkeypatch)
    chapters = {"book/a.md": {"source": "1", "execution": [1, "h", "t"]}}
    write_json(build.COMPLETE_MARK, {"pages": ["pages"], "chapters": chapters})
    # Kept, and unmarked until it finishes again; it says what its pages were made from.
    assert build.prepare_stage(["pages"]) == chapters
    assert (stage / "_build" / "html" / "page.html").is_file()
    assert not build.COMPLETE_MARK.exists()
    for other in (["pages", "-v"], ["other pages"], None):  # extensions, arguments; or unknown
        write_json(build.COMPLETE_MARK, {"pages": ["pages"], "chapters": chapters})
        assert build.prepare_stage(other) == {}
        assert stage.is_dir() and not any(stage.rglob("*.html"))
        (stage / "_build" / "html").mkdir(parents=True)
        (stage / "_build" / "html" / "page.html").write_text("<html></html>")


def test_pages_whose_source_or_execution_changed_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = _stage(tmp_path, monkeypatch)
    doctrees = stage / "_build" / ".doctrees" / "book"
    doctrees.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (doctrees / f"{name}.doctree").write_bytes(b"pickled")
    before = {f"book/{n}.md": {"source": n, "execution": [1, n, "t"]} for n in ("a", "b", "c")}
    now = dict(before)
    now["book/a.md"] = {"source": "a", "execution": [4, "a", "later"]}  # executed again
    now["book/b.md"] = {"source": "edited", "execution": [1, "b", "t"]}  # its text edited
    assert build.forget_pages(before, now) == ["book/a.md", "book/b.md"]
    assert sorted(p.stem for p in doctrees.iterdir()) == ["c"]
    assert build.forget_pages({}, now) == []  # a fresh staging folder has nothing to forget


def test_state_files_are_read_safely(tmp_path: Path) -> None:
    assert read_json(tmp_path / "missing.json") == {}
    (tmp_path / "broken.json").write_text("{not json")
    assert read_json(tmp_path / "broken.json") == {}
    write_json(tmp_path / "state.json", {"b": 1, "a": [1, 2]})
    assert read_json(tmp_path / "state.json") == {"a": [1, 2], "b": 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


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
