"""A rebuild does the work its edits need, no less and no more.

One copy of the repository is built from scratch, then again unchanged (the
book is up to date in under three seconds and nothing is written), then after
each of three edits: a library module one chapter reaches (that chapter alone
is executed, and its page shows the module's new output), the module most
chapters reach short of all (exactly those chapters are executed), and one
chapter's code (that chapter alone). Which chapters reach which module comes
from the copy's own import graph, not from a list written here.

About three minutes on two cores, so marked ``book`` and ``browser``: the fast
run (``-m "not browser"``) skips it.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from analysis.site.dependencies import ImportGraph, chapters_reaching, read_chapter
from analysis.site.execute import executed_chapters
from analysis.site.sphinx_downloads import chapter_sources
from tests.repo_copy import build_command, copy_repository

pytestmark = [pytest.mark.book, pytest.mark.browser]

#: The longest a build of an unchanged book may take.
NOOP_SECONDS = 3.0
#: What the edited leaf module makes its chapter show.
MARK = "REBUILT-FROM-THE-EDITED-MODULE"


def build(copy: Path) -> tuple[float, str]:
    """Build ``copy`` to the end; return the seconds taken and the output."""
    command, env = build_command(copy)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return time.perf_counter() - start, result.stdout


def site_state(html: Path) -> dict[str, int]:
    """Every published file with its modification time."""
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in sorted(html.rglob("*")) if p.is_file()}


def shown_key(chapter: Path) -> str:
    """A glued name the chapter's text shows as it is (no format spec)."""
    import re

    found = re.search(r"\{glue:text\}`([A-Za-z_][A-Za-z0-9_]*)`", chapter.read_text(encoding="utf-8"))
    assert found, f"{chapter} shows no glued value"
    return found.group(1)


def module_file(copy: Path, module: str) -> Path:
    base = copy / "src" / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def test_a_rebuild_executes_exactly_the_chapters_its_edits_reach(tmp_path: Path) -> None:
    copy = copy_repository(tmp_path / "repo")
    html = copy / "_build" / "html"
    notebooks = {source: read_chapter(source) for source in chapter_sources(copy / "book")}
    reach = chapters_reaching(notebooks, ImportGraph.scan(copy / "src" / "analysis"))

    _, output = build(copy)
    assert sorted(executed_chapters(output)) == sorted(s.stem for s in notebooks)

    # Unchanged: up to date at once, nothing written.
    before = site_state(html)
    seconds, output = build(copy)
    assert "book up to date" in output and seconds < NOOP_SECONDS, (seconds, output)
    assert site_state(html) == before

    # A chapter's own module, made to show a new value in the chapter's text.
    leaf = min(m for m, chapters in reach.items() if len(chapters) == 1 and m.startswith("analysis.chapters."))
    (chapter,) = reach[leaf]
    key = shown_key(copy / "book" / f"{chapter}.md")
    with module_file(copy, leaf).open("a", encoding="utf-8") as handle:
        handle.write(
            "\n\n_facts_before_the_edit = facts\n\n\n"
            "def facts(package):\n"
            "    found = dict(_facts_before_the_edit(package))\n"
            f"    found[{key!r}] = {MARK!r}\n"
            "    return found\n"
        )
    _, output = build(copy)
    assert executed_chapters(output) == (chapter,), output
    assert "1 chapter page(s) to read again" in output
    assert MARK in (html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    assert not [p for p in html.glob("book/*.html") if p.stem != chapter and MARK in p.read_text(encoding="utf-8")]

    # The module most chapters reach, short of all of them.
    shared = max((m for m, c in reach.items() if 1 < len(c) < len(notebooks)), key=lambda m: (len(reach[m]), m))
    with module_file(copy, shared).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited by the rebuild test\n")
    _, output = build(copy)
    assert set(executed_chapters(output)) == reach[shared], output

    # One chapter's code.
    other = max(s.stem for s in notebooks if s.stem != chapter)
    with (copy / "book" / f"{other}.md").open("a", encoding="utf-8") as handle:
        handle.write("\n```{code-cell} ipython3\n:tags: [remove-cell]\nedited_by_the_rebuild_test = True\n```\n")
    _, output = build(copy)
    assert executed_chapters(output) == (other,), output
    assert "book up to date" in build(copy)[1]
