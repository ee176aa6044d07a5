"""Ctrl-C or SIGTERM stops ``make book`` at any stage, and the site stays whole.

One copy of the repository is built again and again: interrupted while the
chapters execute, while Sphinx writes pages and while charts are exported;
then built to the end. After each interrupt the driver must exit within
seconds with the shell's code for the signal, every process the build had
started must be gone, nothing may be written afterwards, and the published
site must be the last complete one (or none). The build that follows an
interrupted export must publish every chart's files.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from analysis.site.exports import missing_exports, page_charts
from tests.repo_copy import build_command, copy_repository

pytestmark = [pytest.mark.book, pytest.mark.browser]

#: How long the driver may take to exit after the signal.
EXIT_SECONDS = 10.0
#: Exit codes of a process ended by SIGINT and SIGTERM, as a shell reports them.
EXPECTED_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}


@dataclass
class Trial:
    """What one interrupted build did."""

    exit_code: int
    exit_seconds: float
    started: list[psutil.Process]
    output: str


def interrupt_build(copy: Path, marker: str, signum: int, delay: float) -> Trial:
    """Start the build of ``copy`` as a terminal would, and signal its group after ``marker``."""
    command, env = build_command(copy)
    driver = subprocess.Popen(
        command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )
    assert driver.stdout is not None
    seen: list[str] = []
    for line in driver.stdout:
        seen.append(line)
        if marker in line:
            break
    else:
        driver.wait()
        pytest.fail(f"the build ended before {marker!r}:\n{''.join(seen)}")
    time.sleep(delay)
    started = psutil.Process(driver.pid).children(recursive=True)
    sent = time.monotonic()
    os.killpg(driver.pid, signum)  # what Ctrl-C or `kill -TERM -PGID` does
    rest, _ = driver.communicate(timeout=60)
    return Trial(driver.returncode, time.monotonic() - sent, started, "".join(seen) + rest)


def running(processes: list[psutil.Process]) -> list[str]:
    """Describe the processes of ``processes`` that still run (zombies excepted)."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
        except psutil.NoSuchProcess:
            continue
    return alive


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``root``."""
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def site_digest(html: Path) -> str:
    """One hash over the published site's file names and bytes (empty if none)."""
    digest = hashlib.sha256()
    if html.is_dir():
        for path in sorted(html.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(html)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def assert_stopped_cleanly(trial: Trial, signum: int, build_dir: Path) -> None:
    """The driver exited in time with the signal's code and left nothing behind."""
    assert trial.exit_code == EXPECTED_CODES[signum], trial.output[-2000:]
    assert trial.exit_seconds < EXIT_SECONDS, f"exit took {trial.exit_seconds:.1f} s"
    assert trial.started, "the build had started no process before the signal"
    deadline = time.monotonic() + 5
    while running(trial.started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(trial.started), f"left running: {running(trial.started)}"
    before = tree_state(build_dir)
    time.sleep(2)
    assert tree_state(build_dir) == before, "files were written after the build had stopped"
    assert "build interrupted" in trial.output


def run_build(copy: Path) -> subprocess.CompletedProcess[str]:
    command, env = build_command(copy)
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=600)


def complete_build(copy: Path) -> str:
    result = run_build(copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result.stdout


def assert_failed_and_kept(copy: Path, published: str, cause: str) -> None:
    """A failing build exits non-zero, names the cause and keeps the last site, saying so."""
    result = run_build(copy)
    assert result.returncode != 0
    assert cause in result.stderr + result.stdout
    assert "the last complete site in" in result.stderr and "is unchanged" in result.stderr
    assert site_digest(copy / "_build" / "html") == published


def test_the_site_is_whole_or_untouched_through_interrupts_and_failures(tmp_path: Path) -> None:
    copy = copy_repository(tmp_path / "repo")
    build_dir, html = copy / "_build", copy / "_build" / "html"

    # 1. Ctrl-C while the chapters execute: nothing is published.
    trial = interrupt_build(copy, "== executing chapters", signal.SIGINT, delay=3)
    assert_stopped_cleanly(trial, signal.SIGINT, build_dir)
    assert not html.exists()

    # 2. SIGTERM while Sphinx writes pages: still nothing is published.
    trial = interrupt_build(copy, "== building pages", signal.SIGTERM, delay=4)
    assert_stopped_cleanly(trial, signal.SIGTERM, build_dir)
    assert not html.exists()

    # 3. A build to the end publishes a whole site.
    complete_build(copy)
    published = site_digest(html)
    assert not missing_exports(html, page_charts(html))

    # 4. Change the SIPRI charts' specs, then Ctrl-C while Sphinx exports them:
    #    the published site is the last complete one, byte for byte.
    common = copy / "src" / "analysis" / "figures" / "common.py"
    text = common.read_text(encoding="utf-8")
    assert "our calculation." in text
    common.write_text(text.replace("our calculation.", "our calculations."), encoding="utf-8")
    trial = interrupt_build(copy, "exporting the charts of the pages written", signal.SIGINT, delay=0.2)
    assert_stopped_cleanly(trial, signal.SIGINT, build_dir)
    assert "== checking chart exports" not in trial.output  # stopped inside Sphinx's export
    assert site_digest(html) == published

    # 5. The next build publishes every chart's SVG, PNG and JSON.
    output = complete_build(copy)
    # The interrupted staging build is not trusted: it is discarded (the chapters
    # it executed from the edited module stay executed: their inputs are current).
    assert "discarded" in output
    charts = page_charts(html)
    assert charts and not missing_exports(html, charts)
    assert site_digest(html) != published
    published = site_digest(html)

    # 6. An invalid package: nothing is built, the site stays and the reader is told.
    events = copy / "datapackage" / "data" / "events.csv"
    good_events = events.read_text(encoding="utf-8")
    header, first, *rest = good_events.splitlines(keepends=True)
    events.write_text(header + first.replace(",19", ",30", 1) + "".join(rest), encoding="utf-8")
    assert_failed_and_kept(copy, published, "events")
    events.write_text(good_events, encoding="utf-8")

    # 7. A chapter that fails: Sphinx reports it, and the last site stays whole.
    chapter = copy / "book" / "arms.md"
    good_chapter = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        good_chapter + "\n```{code-cell} ipython3\nraise RuntimeError('a broken chapter')\n```\n",
        encoding="utf-8",
    )
    assert_failed_and_kept(copy, published, "a broken chapter")
