"""``make book``: execute the chapters and build the HTML book, never stale.

Jupyter Book's execution cache fingerprints only the code cells, so a change
to ``src/analysis/`` or ``datapackage/`` would leave old outputs in the book.
This driver fingerprints those inputs too and clears the cache when they
change; a rebuild with no change still reuses every cached notebook.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from analysis.package import VALIDATED_ENV, PackageInvalidError, validate_package
from analysis.paths import BUILD_DIR, DATAPACKAGE_DIR, DESCRIPTOR_PATH, HTML_DIR, REPO_ROOT

CACHE_DIR = BUILD_DIR / ".jupyter_cache"
FINGERPRINT_FILE = BUILD_DIR / ".inputs-fingerprint"

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
    """Clear the execution cache if the inputs changed; return whether it was cleared."""
    current = inputs_fingerprint()
    previous = FINGERPRINT_FILE.read_text().strip() if FINGERPRINT_FILE.is_file() else ""
    if current == previous:
        return False
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    # Pages that embed outputs must be rewritten too.
    shutil.rmtree(BUILD_DIR / "html", ignore_errors=True)
    shutil.rmtree(BUILD_DIR / "jupyter_execute", ignore_errors=True)
    shutil.rmtree(BUILD_DIR / ".doctrees", ignore_errors=True)
    return True


def execute_chapters() -> None:
    """Execute the chapters that have no cached outputs, several at a time.

    Sphinx reads (and so executes) notebooks one after another. Running them
    first through jupyter-cache's parallel executor, with myst-nb's own reader,
    fills the same cache that myst-nb then reads, so a clean build uses both
    cores. A notebook that fails here is simply run again by the build, which
    then reports the error.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    from analysis.site.sphinx_downloads import chapter_sources

    cache = get_cache(str(CACHE_DIR))
    uris = [str(source) for source in chapter_sources()]
    for uri in uris:
        cache.add_nb_to_project(uri, read_data={"name": "myst_nb_md", "type": "plugin"})
    executor = load_executor("local-parallel", cache=cache)
    # Only notebooks without a matching cached execution are run.
    result = executor.run_and_cache(filter_uris=uris, timeout=300, allow_errors=False)
    if not result.succeeded and not result.errored:
        return
    print(
        f"executed {len(result.succeeded)} chapter(s) in parallel"
        + (f"; {len(result.errored)} failed and will be rerun by the build" if result.errored else "")
    )


def print_reports() -> None:
    """Print the execution reports of failing notebooks, if any."""
    reports = HTML_DIR / "reports"
    if not reports.is_dir():
        return
    for log in sorted(reports.rglob("*.log")):
        print(f"\n===== execution report: {log.relative_to(REPO_ROOT)} =====", file=sys.stderr)
        print(log.read_text(encoding="utf-8", errors="replace"), file=sys.stderr)


def build(extra_args: Iterable[str] = ()) -> int:
    """Build the book; return the process exit code."""
    BUILD_DIR.mkdir(exist_ok=True)
    try:
        # Validate once for the whole build; the chapters' kernels inherit the mark.
        os.environ[VALIDATED_ENV] = validate_package(DESCRIPTOR_PATH)
    except PackageInvalidError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"data package valid: {DESCRIPTOR_PATH}")
    if refresh_cache():
        print("inputs changed since the last build: execution cache cleared")
    execute_chapters()
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(REPO_ROOT),
        "--path-output",
        str(REPO_ROOT),
        "-W",
        "-n",
        "--keep-going",
        *extra_args,
    ]
    result = subprocess.run(command, cwd=REPO_ROOT, check=False)
    print_reports()
    if result.returncode != 0:
        print("book build FAILED (warnings are errors; see above)", file=sys.stderr)
        return result.returncode
    FINGERPRINT_FILE.write_text(inputs_fingerprint() + "\n")
    print(f"book built: {HTML_DIR / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(build(sys.argv[1:]))
