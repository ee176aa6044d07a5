"""How fast the book's charts draw, and what each page makes the reader's browser load.

Per chapter, on the built site served from loopback to headless Chromium:

* ``first_marks_ms``: from navigation until the first chart shows its marks
  (its static preview, the same chart drawn when the book was built, or the
  live chart), cold cache (a new browser context for every run), median of five;
* ``live_chart_ms``: from navigation until that chart's live (interactive)
  drawing has replaced the preview, same runs;
* ``script_bytes``: the raw size of every script the page actually loaded
  (after load and a short scroll);
* ``layout_shift``: cumulative layout shift (``layout-shift`` entries without
  recent input, buffered), after load and a short scroll;

and the size of the largest HTML page. :func:`main` prints them beside the
budgets of issue 16 with "ok" or "over". Figures only: nothing here fails.

Beside each page it prints the machine's floor (``floor_ms``, :func:`floor_once`):
the first marks of a bare page holding nothing but one chart block and its
preview, from the same kind of server, in the same browser, run between the
page's own runs. On this 2-core machine a busy
host moves every figure by 100 ms or more from one run to the next; the floor
moves with them and tells what share of a chapter's figure is the page's own.

Run with ``python scripts/bench_drawing.py [html folder]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.paths import HTML_DIR
from analysis.site.render import CHART_CLASS, PREVIEW_CLASS
from analysis.site.serve import CHROMIUM, CHROMIUM_ARGS, chart_count, serve, site_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Budgets (issue 16): first marks (ms), script per page (bytes), layout shift, largest page (bytes).
BUDGETS = {"first_marks_ms": 300.0, "script_bytes": 600_000, "layout_shift": 0.02, "html_bytes": 150_000}

RUNS = 5
VIEWPORT = {"width": 1280, "height": 900}

#: Page script: record layout shifts from the start (buffered) into ``window.__rirShift``.
_SHIFT_JS = """
window.__rirShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__rirShift += entry.value;
  }
}).observe({type: 'layout-shift', buffered: true});
"""

#: Page script: resolve with ``[first, live]``, ms since navigation until the first chart
#: block shows marks (its static preview, loaded and laid out, or the live chart's marks)
#: and until its live chart is drawn. The block is brought into view as soon as it is
#: parsed, as a reader scrolling to it would; ``null`` for what is not there after 20 s.
_FIRST_MARKS_JS = f"""() => new Promise(resolve => {{
  let seen = false, first = null;
  const look = () => {{
    const chart = document.querySelector('div.{CHART_CLASS}');
    if (chart && !seen) {{
      seen = true;
      chart.scrollIntoView({{block: 'center'}});
    }}
    const live = chart && chart.dataset.rirDrawn === 'yes' &&
      chart.querySelector('svg [role="graphics-symbol"], svg .mark-symbol path, svg .mark-rect path');
    const stage = chart && chart.parentElement;
    const preview = stage && stage.querySelector('img.{PREVIEW_CLASS}');
    const shown = preview && preview.complete && preview.naturalWidth > 0 && preview.getBoundingClientRect().height > 0;
    if (first === null && (live || shown)) first = performance.now();
    if (live) return resolve([first, performance.now()]);
    if (performance.now() > 20000) return resolve([first, null]);
    requestAnimationFrame(look);
  }};
  look();
}})"""


#: The bare page of the machine's floor (:func:`floor_once`): one chart block and its preview, nothing else.
_FLOOR_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body>'
    f'<div class="rir-stage"><img class="{PREVIEW_CLASS}" src="preview.svg" alt="" width="720" height="467">'
    f'<div class="{CHART_CLASS}"></div></div></body></html>'
)

#: Page script: resolve with the ms since navigation until the first chart's preview shows.
_FIRST_PREVIEW_JS = _FIRST_MARKS_JS.replace("if (live) return resolve([first, performance.now()]);",
                                            "if (first !== null) return resolve([first, null]);")


def write_floor_site(folder: Path, preview: Path) -> None:
    """Write the bare page of the machine's floor into ``folder``: one chart block and
    ``preview`` (an SVG), nothing else."""
    (folder / "floor.html").write_text(_FLOOR_PAGE, encoding="utf-8")
    (folder / "preview.svg").write_bytes(preview.read_bytes())


def floor_once(browser: Browser, url: str) -> float:
    """One cold run of the bare page at ``url``: ms from navigation until its preview shows."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        first, _ = page.evaluate(_FIRST_PREVIEW_JS)
        return float("inf") if first is None else float(first)
    finally:
        context.close()


def first_preview(html_dir: Path, page: str) -> Path:
    """The SVG preview of a page's first chart."""
    text = (html_dir / page).read_text(encoding="utf-8")
    start = text.index(f'class="{CHART_CLASS}"')
    source = text.rfind('<img src="', 0, start)
    address = text[source + len('<img src="'):text.index('"', source + len('<img src="'))]
    return (html_dir / page).parent / address


def chapters(html_dir: Path = HTML_DIR) -> list[str]:
    """The site's pages that hold a chart, relative to its root."""
    return [p for p in site_pages(html_dir) if chart_count((html_dir / p).read_text(encoding="utf-8"))]


def first_marks_ms(browser: Browser, url: str, runs: int = RUNS,
                   floor_url: str | None = None) -> tuple[float, float, float | None]:
    """Median times (ms) from navigation to the first chart's marks and to its live chart, and
    the machine's floor (:func:`floor_once` at ``floor_url``, run after each of the page's runs,
    so that both meet the same load; ``None`` without ``floor_url``).

    Each run in a new browser context (a cold cache); a time not reached counts as infinite.
    """
    firsts, lives, floors = [], [], []
    for _ in range(runs):
        if floor_url is not None:
            floors.append(floor_once(browser, floor_url))
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        try:
            page.goto(url, wait_until="commit")
            first, live = page.evaluate(_FIRST_MARKS_JS)
            firsts.append(float("inf") if first is None else float(first))
            lives.append(float("inf") if live is None else float(live))
        finally:
            context.close()
    return statistics.median(firsts), statistics.median(lives), statistics.median(floors) if floors else None


def page_load(browser: Browser, url: str) -> dict[str, Any]:
    """Scripts loaded (raw bytes, by URL) and the layout shift, after load and a short scroll."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if response.request.resource_type == "script" and response.ok:
            try:
                sizes[response.url] = len(response.body())
            except Exception:  # a response without a body to read (redirect, aborted)
                sizes.setdefault(response.url, 0)

    page.on("response", record)
    page.add_init_script(_SHIFT_JS)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)
        for _ in range(3):
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(250)
        page.wait_for_timeout(500)
        shift = float(page.evaluate("window.__rirShift"))
    finally:
        context.close()
    return {"script_bytes": sum(sizes.values()), "scripts": sizes, "layout_shift": shift}


def largest_page(html_dir: Path = HTML_DIR) -> tuple[str, int]:
    """The largest HTML page of the site and its size in bytes."""
    sizes = {p: (html_dir / p).stat().st_size for p in site_pages(html_dir)}
    name = max(sizes, key=lambda p: sizes[p])
    return name, sizes[name]


#: The key of the machine's floor (:func:`floor_once`, median) in each page's figures.
FLOOR = "floor_ms"


def measure(html_dir: Path = HTML_DIR, runs: int = RUNS) -> dict[str, dict[str, Any]]:
    """Every chapter's figures: ``{page: {first_marks_ms, live_chart_ms, floor_ms, script_bytes,
    layout_shift, scripts}}``, the floor measured between the page's runs."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    pages = chapters(html_dir)
    with tempfile.TemporaryDirectory() as folder:
        write_floor_site(Path(folder), first_preview(html_dir, pages[0]))
        with serve(html_dir) as base, serve(Path(folder)) as floor_base, sync_playwright() as play:
            browser = play.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            try:
                for relative in pages:
                    url = f"{base}/{relative}"
                    first, live, floor = first_marks_ms(browser, url, runs, f"{floor_base}/floor.html")
                    results[relative] = {"first_marks_ms": first, "live_chart_ms": live, FLOOR: floor,
                                         **page_load(browser, url)}
            finally:
                browser.close()
    return results


def _verdict(value: float, budget: float) -> str:
    return "ok" if value <= budget else "over"


def main(argv: list[str] | None = None) -> None:
    """Print each chapter's figures beside the budgets."""
    args = sys.argv[1:] if argv is None else argv
    html_dir = Path(args[0]) if args else HTML_DIR
    results = measure(html_dir)
    print(f"{'page':24} {'first marks ms':>16} {'floor ms':>9} {'live chart ms':>14} {'script KB':>14}"
          f" {'layout shift':>16}")
    for page, figures in results.items():
        marks, script, shift = figures["first_marks_ms"], figures["script_bytes"], figures["layout_shift"]
        print(
            f"{page:24} {marks:9.0f} {_verdict(marks, BUDGETS['first_marks_ms']):>6}"
            f" {figures[FLOOR]:9.0f} {figures['live_chart_ms']:14.0f}"
            f" {script / 1000:8.0f} {_verdict(script, BUDGETS['script_bytes']):>5}"
            f" {shift:10.3f} {_verdict(shift, BUDGETS['layout_shift']):>5}"
        )
    print("floor: the first marks of a bare page holding one chart's preview, run between the page's runs "
          "(same server and browser); the page's own share is its figure less the floor")
    name, size = largest_page(html_dir)
    print(f"budgets: first marks <= {BUDGETS['first_marks_ms']:.0f} ms, script <= "
          f"{BUDGETS['script_bytes'] / 1000:.0f} KB, layout shift <= {BUDGETS['layout_shift']}")
    print(f"largest HTML page: {name} {size / 1000:.0f} KB "
          f"(budget {BUDGETS['html_bytes'] / 1000:.0f} KB) {_verdict(size, BUDGETS['html_bytes'])}")


if __name__ == "__main__":
    main()
