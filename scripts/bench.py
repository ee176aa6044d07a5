"""`make bench`: the build, rebuild, page-weight and drawing figures of the book.

Prints, in one run:
  * the rebuilds (scripts/bench_build.py): clean build, no-op, an edited leaf
    module, an edited shared module, an edited chapter and the no-execution
    floor, each with the chapters it executed and its ratios to the floor and
    to the clean build, measured in a scratch copy of the repository;
  * the drawing figures (scripts/bench_drawing.py) of the built site: per
    chapter, the first chart's marks (cold cache, median of five), the script
    loaded and the layout shift, and the largest HTML page, each beside its budget;
  * then the analysis-library benchmark (scripts/bench_analysis.py).
Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent


def main() -> int:
    for name in ("bench_build.py", "bench_drawing.py", "bench_analysis.py"):
        if name == "bench_drawing.py":
            # The drawing figures read the published site: make sure it is current.
            subprocess.run([sys.executable, "-m", "analysis.site.build"], cwd=REPO_ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            print("== drawing (local server, headless Chromium, cold cache)", flush=True)
        elif name == "bench_analysis.py":
            print("== analysis library", flush=True)
        try:
            runpy.run_path(str(SCRIPTS / name), run_name="__main__")
        except SystemExit as done:  # a part's own `raise SystemExit(main())`
            if done.code not in (0, None):
                return int(done.code) if isinstance(done.code, int) else 1
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
