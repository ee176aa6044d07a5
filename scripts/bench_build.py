"""Rebuild times of ``make book``, measured in one run in a scratch copy of the repository.

Prints, each beside the clean build and the no-execution floor as ratios:
  * the clean build (execution included) and a no-op rebuild (budget: 3 s);
  * a rebuild after editing a library module that one chapter reaches (a leaf);
  * a rebuild after editing the module the most chapters reach, short of all of them;
  * a rebuild after editing one chapter's code;
  * the same pages built with execution off (the floor).
Which chapters each rebuild executed is printed too. The edits are made in the
scratch copy, never in the working tree. Figures only: nothing here passes or fails.

Run ``python scripts/bench_build.py``; ``scripts/bench.py`` can call :func:`main`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import REPO_ROOT
from analysis.site.execute import executed_chapters

if str(REPO_ROOT) not in sys.path:  # the copy helpers the build tests use
    sys.path.insert(0, str(REPO_ROOT))

from tests.repo_copy import build_command, copy_repository  # noqa: E402

#: The longest a no-op ``make book`` may take.
NOOP_BUDGET_SECONDS = 3.0


@dataclass(frozen=True)
class Timing:
    """One build of the scratch copy: what was done to it, how long it took, what it executed."""

    label: str
    seconds: float
    executed: tuple[str, ...] = ()


def run_build(copy: Path) -> tuple[float, str]:
    """Build the book of ``copy``; return the seconds taken and the build's output."""
    command, env = build_command(copy)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the build of {copy} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return seconds, result.stdout


def timed(copy: Path, label: str) -> Timing:
    """Build ``copy`` and describe the build as ``label``."""
    seconds, output = run_build(copy)
    return Timing(label, seconds, executed_chapters(output))


def floor_build(root: Path) -> float:
    """Build the pages of ``root`` with execution off, into a scratch folder; return the seconds."""
    scratch = Path(tempfile.mkdtemp(prefix="rir-floor-"))
    config = (root / "_config.yml").read_text(encoding="utf-8")
    (scratch / "_config.yml").write_text(
        config.replace("execute_notebooks: cache", 'execute_notebooks: "off"'), encoding="utf-8"
    )
    command, env = build_command(root)
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    start = time.perf_counter()
    try:
        subprocess.run(
            [jupyter_book, "build", str(root), "--config", str(scratch / "_config.yml"),
             "--toc", str(root / "_toc.yml"), "--path-output", str(scratch), "-q"],
            cwd=root, env=env, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # unexecuted glue keys warn by design
        )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def edit_targets(copy: Path) -> tuple[str, str, str, dict[str, frozenset[str]]]:
    """Pick, from ``copy``'s own import graph, a leaf module, a shared module and a chapter to edit.

    Returns the leaf (reached by one chapter), the shared module (reached by
    the most chapters, short of all), that leaf's chapter, and per module the
    chapters reaching it.
    """
    from analysis.site.dependencies import ImportGraph, chapters_reaching, read_chapter
    from analysis.site.sphinx_downloads import chapter_sources

    notebooks = {source: read_chapter(source) for source in chapter_sources(copy / "book")}
    reach = chapters_reaching(notebooks, ImportGraph.scan(copy / "src" / "analysis"))
    leaf = min(m for m, chapters in reach.items() if len(chapters) == 1)
    shared = max((m for m, c in reach.items() if 1 < len(c) < len(notebooks)), key=lambda m: (len(reach[m]), m))
    return leaf, shared, next(iter(reach[leaf])), reach


def append_line(path: Path, line: str) -> None:
    """Append ``line`` to the file at ``path``."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}\n")


def module_path(copy: Path, module: str) -> Path:
    """The file of ``module`` (dotted) in ``copy``."""
    base = copy / "src" / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def measure(scratch: Path) -> tuple[list[Timing], float, dict[str, frozenset[str]]]:
    """Build a fresh copy of the repository in ``scratch`` clean, unchanged and after each edit."""
    copy = copy_repository(scratch / "repo")
    leaf, shared, chapter, reach = edit_targets(copy)
    timings = [timed(copy, "clean build (with execution)"), timed(copy, "no-op rebuild")]
    append_line(module_path(copy, leaf), "# edited by the benchmark")
    timings.append(timed(copy, f"edit leaf module {leaf}"))
    append_line(module_path(copy, shared), "# edited by the benchmark")
    timings.append(timed(copy, f"edit shared module {shared}"))
    append_line(copy / "book" / f"{chapter}.md",
                "```{code-cell} ipython3\n:tags: [remove-cell]\nedited_by_the_benchmark = True\n```")
    timings.append(timed(copy, f"edit chapter {chapter}.md (code)"))
    timings.append(timed(copy, "no-op rebuild after the edits"))
    return timings, floor_build(copy), reach


def report(timings: list[Timing], floor: float, reach: dict[str, frozenset[str]]) -> list[str]:
    """Lines to print: each build's time, its ratios to the floor and the clean build, what it executed."""
    clean = timings[0].seconds
    lines = [f"{'':46s} {'seconds':>8s} {'/floor':>7s} {'/clean':>7s}"]
    for timing in timings:
        lines.append(f"{timing.label[:46]:46s} {timing.seconds:8.1f} {timing.seconds / floor:7.2f} "
                     f"{timing.seconds / clean:7.2f}")
        if timing.label.startswith("edit "):
            module = timing.label.split()[-1]
            expected = f" (its importers: {len(reach[module])})" if module in reach else ""
            lines.append(f"{'':4s}executed {len(timing.executed)}{expected}: {', '.join(timing.executed) or '-'}")
    lines.append(f"{'no-execution floor':46s} {floor:8.1f} {1:7.2f} {floor / clean:7.2f}")
    noops = [t.seconds for t in timings if t.label.startswith("no-op")]
    verdict = "ok" if max(noops) <= NOOP_BUDGET_SECONDS else "OVER"
    lines.append(f"no-op budget {NOOP_BUDGET_SECONDS:.0f} s: {verdict} (slowest {max(noops):.2f} s)")
    return lines


def main() -> int:
    """Measure the rebuilds in a scratch copy and print them."""
    scratch = Path(tempfile.mkdtemp(prefix="rir-bench-build-"))
    try:
        timings, floor, reach = measure(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("== rebuilds (scratch copy of the repository)")
    for line in report(timings, floor, reach):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
