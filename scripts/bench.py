"""`make bench`: build-time, page-weight and drawing figures for the book.

Prints:
  * clean build time (execution included), no-op rebuild time;
  * the same pages built without executing anything (the floor) and the ratio;
  * the HTML weight of each page and of the shared Vega asset (raw and gzipped);
  * time from navigation to the first chart drawn in headless Chromium, per chart page;
  * then the analysis-library benchmark (scripts/bench_analysis.py) if present.
Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import gzip
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import BUILD_DIR, HTML_DIR, REPO_ROOT
from analysis.site.render import CHART_CLASS
from analysis.site.serve import CHROMIUM, CHROMIUM_ARGS, chart_count, serve, site_pages
from analysis.site.sphinx_vega import BUNDLE_NAME

PYTHON = sys.executable
JB = str(Path(PYTHON).parent / "jupyter-book")


def timed(command: list[str], quiet: bool = False) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return time.perf_counter() - start


def floor_build() -> float:
    """Build the same pages with execution off, in a scratch folder."""
    scratch = Path(tempfile.mkdtemp(prefix="rir-floor-"))
    config = (REPO_ROOT / "_config.yml").read_text(encoding="utf-8")
    config = config.replace("execute_notebooks: cache", "execute_notebooks: \"off\"")
    (scratch / "_config.yml").write_text(config, encoding="utf-8")
    try:
        return timed(
            [JB, "build", str(REPO_ROOT), "--config", str(scratch / "_config.yml"),
             "--toc", str(REPO_ROOT / "_toc.yml"), "--path-output", str(scratch), "-q"],
            quiet=True,  # unexecuted glue keys warn by design here
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def page_weights() -> list[tuple[str, int]]:
    return [(name, (HTML_DIR / name).stat().st_size) for name in site_pages(HTML_DIR)]


def first_chart_times() -> list[tuple[str, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    chart_pages = [name for name in site_pages(HTML_DIR)
                   if chart_count((HTML_DIR / name).read_text(encoding="utf-8"))]
    with serve(HTML_DIR) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        # The first navigation of a freshly started browser also pays for starting
        # its renderer; report it apart, then measure pages in a running browser.
        context = browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{base}/genindex.html", wait_until="load")
        results.append(("first navigation after browser start (no chart)", time.perf_counter() - start))
        context.close()
        for name in chart_pages:
            for attempt in ("cold", "warm"):
                context = browser.new_context() if attempt == "cold" else context
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"{base}/{name}", wait_until="commit")
                page.wait_for_selector(f'div.{CHART_CLASS}[data-rir-drawn="yes"]', timeout=20_000)
                results.append((f"{name} ({attempt} cache)", time.perf_counter() - start))
                page.close()
            context.close()
        browser.close()
    return results


def main() -> int:
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    clean = timed([PYTHON, "-m", "analysis.site.build"])
    noop = timed([PYTHON, "-m", "analysis.site.build"])
    floor = floor_build()
    print("== build")
    print(f"clean build (with execution)   {clean:7.1f} s")
    print(f"no-op rebuild                  {noop:7.1f} s")
    print(f"no-execution floor             {floor:7.1f} s")
    print(f"clean / floor                  {clean / floor:7.2f} x")
    print("== page weight (HTML only)")
    for name, size in page_weights():
        print(f"{name:40s} {size / 1000:8.1f} KB")
    raw = (HTML_DIR / "_static" / BUNDLE_NAME).read_bytes()
    print(f"{'shared Vega asset ' + BUNDLE_NAME:40s} {len(raw) / 1000:8.1f} KB "
          f"({len(gzip.compress(raw)) / 1000:.1f} KB gzipped)")
    print("== navigation to first chart drawn (headless Chromium, loopback server)")
    for name, seconds in first_chart_times():
        print(f"{name:52s} {seconds * 1000:7.0f} ms")
    analysis_bench = REPO_ROOT / "scripts" / "bench_analysis.py"
    if analysis_bench.is_file():
        print("== analysis library")
        runpy.run_path(str(analysis_bench), run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
