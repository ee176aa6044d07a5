"""``make book``: build the site whole, or leave the last complete one untouched.

Stages, each a child process in its own session (see
:mod:`analysis.site.processes`), so that Ctrl-C or SIGTERM stops all of them
within seconds and nothing they started writes afterwards:

0. stop at once if the published site was built from the very same inputs;
1. validate the data package (once; the kernels inherit the mark);
2. execute the stale chapters in parallel (:mod:`analysis.site.execute`);
3. run Sphinx into a staging folder, ``_build/stage``, reading again only the
   pages whose source or execution changed;
4. check that every chart on every page has its SVG, PNG and JSON export
   (exporting any that are missing) — :mod:`analysis.site.exports`;
5. print the book to PDF and pack the offline copy, each only when its inputs
   changed — :mod:`analysis.site.print_edition`, :mod:`analysis.site.offline`;
6. publish: swap the staged site into ``_build/html`` in one step.

Two builds of the same folder take turns (``_build/.lock``).

A failure or an interrupt at any stage leaves ``_build/html`` as the last
complete build and says so, with a non-zero exit code (130 for SIGINT, 143
for SIGTERM). The staging folder is reused by the next build only if the
stage that wrote it finished; otherwise Sphinx starts it afresh.

Jupyter Book's execution cache fingerprints only the code cells, so a change
to ``src/analysis/`` or ``datapackage/`` would leave old outputs in the book.
The execution stage therefore keeps a chapter's cached outputs only while the
files its code imports or reads are unchanged (:mod:`analysis.site.dependencies`):
editing one module executes again just the chapters that import it, directly
or not. Sphinx then reads again the pages whose source or execution changed;
if anything Sphinx itself runs or reads changed (its extensions and the library
code they import, the configuration, the data package), it starts afresh.

A build whose inputs (:func:`analysis.site.dependencies.site_fingerprint`:
every file of the repository but the tests, and the environment) are those of
the published site stops at once: the book is up to date.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analysis.paths import BUILD_DIR, DESCRIPTOR_PATH, HTML_DIR, REPO_ROOT
from analysis.site.dependencies import site_fingerprint
from analysis.site.execute import RECORDS_FILE, read_json, write_json
from analysis.site.processes import BuildInterrupted, StageRunner
from analysis.swap import replace_tree

#: What the published site was built from, and which folder it is.
PUBLISHED_FILE = BUILD_DIR / ".published.json"
#: Sphinx's working folder; its site is at ``STAGE_ROOT / "_build" / "html"``.
STAGE_ROOT = BUILD_DIR / "stage"
STAGE_HTML = STAGE_ROOT / "_build" / "html"
#: Written when the staging folder holds a finished build, removed before one starts.
#: It records what the build was made from: the pages' inputs and each chapter's execution.
COMPLETE_MARK = STAGE_ROOT / ".complete"
#: Sphinx's pickled pages: a page whose file is missing is read again.
DOCTREES = STAGE_ROOT / "_build" / ".doctrees"


def site_stamp(html: Path) -> list[int] | None:
    """Tell the published folder apart from any other: device, inode and modification time."""
    if not (html / "index.html").is_file():
        return None
    found = html.stat()
    return [found.st_dev, found.st_ino, found.st_mtime_ns]


def up_to_date(inputs: str) -> bool:
    """Whether the published site is whole and was built from exactly ``inputs``."""
    published = read_json(PUBLISHED_FILE)
    stamp = site_stamp(HTML_DIR)
    return stamp is not None and published == {"inputs": inputs, "site": stamp}


def prepare_stage(pages: list[str] | None) -> dict[str, Any]:
    """Keep the staging folder only if it holds a finished build made from ``pages``.

    ``pages`` describes what Sphinx makes every page from (``None``: unknown).
    Return what each chapter's page in the kept folder was made from, or
    nothing if Sphinx starts afresh.
    """
    previous = read_json(COMPLETE_MARK) if COMPLETE_MARK.is_file() else None
    if previous is None and STAGE_ROOT.exists():
        print("the last build did not finish: its staging folder is discarded", flush=True)
    elif previous is not None and pages is not None and previous.get("pages") != pages:
        print("what Sphinx reads or runs changed: it writes every page afresh", flush=True)
    if pages is None or previous is None or previous.get("pages") != pages:
        reset_stage()
        return {}
    COMPLETE_MARK.unlink()
    chapters = previous.get("chapters")
    return chapters if isinstance(chapters, dict) else {}


def reset_stage() -> None:
    """Empty the staging folder: Sphinx then reads and writes every page afresh."""
    shutil.rmtree(STAGE_ROOT, ignore_errors=True)
    STAGE_ROOT.mkdir(parents=True)


def forget_pages(previous: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """Make Sphinx read again each chapter whose source or execution changed since ``previous``.

    Return those chapters; none if there is no previous build to reuse.
    """
    if not previous:
        return []
    changed = sorted(key for key in current if previous.get(key) != current[key])
    for key in changed:
        (DOCTREES / Path(key).with_suffix(".doctree")).unlink(missing_ok=True)
    return changed


def print_reports() -> None:
    """Print the execution reports of failing notebooks, if any."""
    reports = STAGE_HTML / "reports"
    if not reports.is_dir():
        return
    for log in sorted(reports.rglob("*.log")):
        print(f"\n===== execution report: {log.relative_to(REPO_ROOT)} =====", file=sys.stderr)
        print(log.read_text(encoding="utf-8", errors="replace"), file=sys.stderr)


def _kept_site() -> str:
    if (HTML_DIR / "index.html").is_file():
        return f"the last complete site in {HTML_DIR} is unchanged"
    return f"no site was published in {HTML_DIR}"


def _execute(runner: StageRunner, extra_args: list[str]) -> tuple[list[str] | None, dict[str, Any]]:
    """Execute the chapters; return what the pages and each chapter's page are made from.

    The pages' inputs come back as ``None`` (and the chapters' as nothing) if
    the stage failed: then which executions changed is unknown.
    """
    print("== executing chapters", flush=True)
    RECORDS_FILE.unlink(missing_ok=True)
    execution = runner.run([sys.executable, "-m", "analysis.site.execute"], cwd=REPO_ROOT)
    found = read_json(RECORDS_FILE)
    if execution.returncode != 0 or not isinstance(found.get("chapters"), dict):
        print("the execution stage failed: Sphinx reads (and executes) every page afresh", flush=True)
        return None, {}
    return [found["pages"], *extra_args], found["chapters"]


def _stages(runner: StageRunner, extra_args: list[str], inputs: str) -> int:
    python = sys.executable
    pages, chapters = _execute(runner, extra_args)
    reread = forget_pages(prepare_stage(pages), chapters)
    print("== building pages (Sphinx)"
          + (f": {len(reread)} chapter page(s) to read again" if reread else ""), flush=True)
    sphinx = runner.run(
        [
            str(Path(python).parent / "jupyter-book"), "build", str(REPO_ROOT),
            "--path-output", str(STAGE_ROOT), "-W", "-n", "--keep-going", *extra_args,
        ],
        cwd=REPO_ROOT,
    )
    print_reports()
    if sphinx.returncode != 0:
        print(f"book build FAILED (warnings are errors; see above); {_kept_site()}", file=sys.stderr)
        return sphinx.returncode
    print("== checking chart exports", flush=True)
    exports = runner.run([python, "-m", "analysis.site.exports", str(STAGE_HTML)], cwd=REPO_ROOT)
    if exports.returncode != 0:
        print(f"chart exports are incomplete (see above); {_kept_site()}", file=sys.stderr)
        return exports.returncode
    print("== print edition (PDF) and offline copy", flush=True)
    editions = runner.run([python, "-m", "analysis.site.print_edition", str(STAGE_HTML)], cwd=REPO_ROOT)
    if editions.returncode != 0:
        print(f"the print edition or the offline copy failed (see above); {_kept_site()}", file=sys.stderr)
        return editions.returncode
    write_json(COMPLETE_MARK, {"pages": pages, "chapters": chapters})
    print("== publishing", flush=True)
    PUBLISHED_FILE.unlink(missing_ok=True)
    replace_tree(STAGE_HTML, HTML_DIR)
    write_json(PUBLISHED_FILE, {"inputs": inputs, "site": site_stamp(HTML_DIR)})
    return 0


@contextmanager
def build_lock() -> Iterator[None]:
    """Hold ``_build/.lock`` for the whole build: two builds of one tree take turns."""
    BUILD_DIR.mkdir(exist_ok=True)
    with (BUILD_DIR / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another build of this folder is running: waiting for it to finish", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(extra_args: Iterable[str] = ()) -> int:
    """Build and publish the book; return the process exit code."""
    try:
        with build_lock():
            return _locked_build(extra_args)
    except KeyboardInterrupt:  # only while waiting for the lock: the stages handle their own
        print(f"build interrupted; {_kept_site()}", file=sys.stderr)
        return 130


def _locked_build(extra_args: Iterable[str]) -> int:
    extra_args = list(extra_args)
    # Taken first: whatever changes while the build runs makes the next one run too.
    inputs = site_fingerprint(extra_args)
    if up_to_date(inputs):
        print(f"book up to date (no input changed since it was built): {HTML_DIR / 'index.html'}",
              flush=True)
        return 0
    from analysis.package import VALIDATED_ENV, PackageInvalidError, validate_package

    try:
        # Validate once for the whole build; the chapters' kernels inherit the mark.
        os.environ[VALIDATED_ENV] = validate_package(DESCRIPTOR_PATH)
    except PackageInvalidError as error:
        print(f"{error}\nbook not built; {_kept_site()}", file=sys.stderr)
        return 1
    print(f"data package valid: {DESCRIPTOR_PATH}", flush=True)
    try:
        with StageRunner() as runner:
            code = _stages(runner, extra_args, inputs)
    except BuildInterrupted as interrupt:
        print(f"build interrupted; {_kept_site()}", file=sys.stderr, flush=True)
        return interrupt.exit_code
    if code == 0:
        print(f"book built: {HTML_DIR / 'index.html'}", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
