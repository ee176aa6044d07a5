"""A copy of the working tree in which a test may build the book without touching ours.

``analysis.paths.REPO_ROOT`` follows the imported package's file, so a copy
run with ``PYTHONPATH=<copy>/src`` and the project's interpreter builds into
its own ``_build`` and reads its own ``datapackage``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.paths import REPO_ROOT


def copy_repository(target: Path) -> Path:
    """Copy every tracked or untracked, not ignored, file of the working tree to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO_ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


def build_command(copy: Path) -> tuple[list[str], dict[str, str]]:
    """Return the command and environment that build the book of ``copy``."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Each copy validates its own package and uses its own caches.
        if not key.startswith(("RIR_", "JUPYTER_CACHE", "PYTHONPATH"))
    }
    env.update(PYTHONPATH=str(copy / "src"), PYTHONUNBUFFERED="1")
    # The interpreter's folder first, so that the build finds jupyter-book beside it.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return [sys.executable, "-m", "analysis.site.build"], env
