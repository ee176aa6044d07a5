"""``make book``: build the site whole, or leave the last complete one untouched.

Stages, each a child process in its own session (see
:mod:`analysis.site.processes`), so that Ctrl-C or SIGTERM stops all of them
within seconds and nothing they started writes afterwards:

1. validate the data package (once; the kernels inherit the mark);
2. execute the stale chapters in parallel (:mod:`analysis.site.execute`);
3. run Sphinx into a staging folder, ``_build/stage``;
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
to ``src/analysis/`` or ``datapackage/`` would leave old outputs in the book:
the driver fingerprints those inputs too and clears the cache when they change.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.package import VALIDATED_ENV, PackageInvalidError, validate_package
from analysis.paths import BUILD_DIR, DATAPACKAGE_DIR, DESCRIPTOR_PATH, HTML_DIR, REPO_ROOT
from analysis.site.execute import CACHE_DIR
from analysis.site.processes import BuildInterrupted, StageRunner
from analysis.swap import replace_tree

FINGERPRINT_FILE = BUILD_DIR / ".inputs-fingerprint"
#: Sphinx's working folder; its site is at ``STAGE_ROOT / "_build" / "html"``.
STAGE_ROOT = BUILD_DIR / "stage"
STAGE_HTML = STAGE_ROOT / "_build" / "html"
#: Written when the staging folder holds a finished build, removed before one starts.
COMPLETE_MARK = STAGE_ROOT / ".complete"

#: Inputs whose change must re-execute the chapters.
INPUT_ROOTS: tuple[Path, ...] = (
    REPO_ROOT / "src" / "analysis",
    DATAPACKAGE_DIR,
    REPO_ROOT / "requirements.lock",
)
_SKIP_PARTS = {"__pycache__", ".staging"}


def input_files(roots: Iterable[Path] | None = None) -> list[Path]:
    """Return every file the executed chapters depend on besides their own code."""
    files: list[Path] = []
    for root in INPUT_ROOTS if roots is None else roots:
        if root.is_file():
            files.append(root)
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not any(
                part in _SKIP_PARTS or part.startswith(".staging") for part in path.parts
            ):
                files.append(path)
    return files


def inputs_fingerprint(roots: Iterable[Path] | None = None) -> str:
    """Return a sha256 over the paths and bytes of every input file."""
    digest = hashlib.sha256()
    for path in input_files(roots):
        digest.update(str(path.relative_to(REPO_ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def refresh_cache() -> bool:
    """Clear the execution cache and the staging build if the inputs changed.

    Returns whether they were cleared. The published site is never touched here.
    """
    current = inputs_fingerprint()
    previous = FINGERPRINT_FILE.read_text().strip() if FINGERPRINT_FILE.is_file() else ""
    if current == previous:
        return False
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    # Pages that embed outputs must be rewritten too.
    shutil.rmtree(STAGE_ROOT, ignore_errors=True)
    return True


def prepare_stage() -> None:
    """Start Sphinx afresh unless the staging folder holds a finished build."""
    if STAGE_ROOT.exists() and not COMPLETE_MARK.is_file():
        print("the last build did not finish: its staging folder is discarded", flush=True)
        shutil.rmtree(STAGE_ROOT)
    STAGE_ROOT.mkdir(parents=True, exist_ok=True)
    COMPLETE_MARK.unlink(missing_ok=True)


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


def _stages(runner: StageRunner, extra_args: Iterable[str]) -> int:
    python = sys.executable
    print("== executing chapters", flush=True)
    runner.run([python, "-m", "analysis.site.execute"], cwd=REPO_ROOT)
    print("== building pages (Sphinx)", flush=True)
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
    COMPLETE_MARK.touch()
    print("== publishing", flush=True)
    replace_tree(STAGE_HTML, HTML_DIR)
    FINGERPRINT_FILE.write_text(inputs_fingerprint() + "\n")
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
    try:
        # Validate once for the whole build; the chapters' kernels inherit the mark.
        os.environ[VALIDATED_ENV] = validate_package(DESCRIPTOR_PATH)
    except PackageInvalidError as error:
        print(f"{error}\nbook not built; {_kept_site()}", file=sys.stderr)
        return 1
    print(f"data package valid: {DESCRIPTOR_PATH}", flush=True)
    if refresh_cache():
        print("inputs changed since the last build: execution cache cleared", flush=True)
    prepare_stage()
    try:
        with StageRunner() as runner:
            code = _stages(runner, extra_args)
    except BuildInterrupted as interrupt:
        print(f"build interrupted; {_kept_site()}", file=sys.stderr, flush=True)
        return interrupt.exit_code
    if code == 0:
        print(f"book built: {HTML_DIR / 'index.html'}", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
