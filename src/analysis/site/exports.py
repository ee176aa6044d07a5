"""Stage four of ``make book``: every chart on every page has its exports.

Sphinx writes each chart's spec (``.json``, ``.spec.js``, ``.narrow.spec.js``) as it writes the
page, and exports the rest at the end. A page it did not rewrite (an
incremental build) keeps pointing at exports written by an earlier build,
which an interrupt may have cut short. This stage reads every built page,
lists the charts it refers to, exports again those with a file missing, from
their ``.json``, and fails if any is still missing, so no page links to a file
that is not there.

Run as ``python -m analysis.site.exports HTML_DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.site.sphinx_vega import SPEC_REF_PATTERN, export_charts

#: The files each chart is exported to, beside each other in ``_static/charts``: its
#: static SVG and PNG, its Vega-Lite spec, the chart compiled to Vega for the page's
#: script, and the phone layout's static SVG and compiled chart.
EXPORT_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".json", ".spec.js", ".narrow.svg", ".narrow.spec.js")


def chart_of(filename: str) -> str:
    """The chart an export file belongs to: its name without the longest export suffix.

    >>> chart_of("arms-flow.narrow.spec.js"), chart_of("arms-flow.svg")
    ('arms-flow', 'arms-flow')
    """
    for suffix in sorted(EXPORT_SUFFIXES, key=len, reverse=True):
        if filename.endswith(suffix):
            return filename.removesuffix(suffix)
    raise ValueError(f"{filename} is not a chart export")


def page_charts(html_dir: Path) -> dict[str, str]:
    """Return every chart the site's pages refer to: name -> spec JSON text (``""`` when its
    ``.json`` is missing, so it cannot be exported again)."""
    folder = html_dir / "_static" / "charts"
    charts: dict[str, str] = {}
    for page in sorted(html_dir.rglob("*.html")):
        for ident in SPEC_REF_PATTERN.findall(page.read_text(encoding="utf-8")):
            spec_file = folder / f"{ident}.json"
            charts[ident] = spec_file.read_text(encoding="utf-8") if spec_file.is_file() else ""
    return charts


def missing_exports(html_dir: Path, charts: dict[str, str]) -> list[Path]:
    """Return the export files that the pages' charts need and the site lacks."""
    folder = html_dir / "_static" / "charts"
    return [
        folder / f"{ident}{suffix}"
        for ident in sorted(charts)
        for suffix in EXPORT_SUFFIXES
        if not (folder / f"{ident}{suffix}").is_file()
    ]


def complete_exports(html_dir: Path) -> list[Path]:
    """Export every chart with a missing file; return what is still missing."""
    charts = page_charts(html_dir)
    lacking = {chart_of(path.name) for path in missing_exports(html_dir, charts) if charts[chart_of(path.name)]}
    if lacking:
        folder = html_dir / "_static" / "charts"
        for ident in lacking:  # a partial set is redone whole, from its .json
            for suffix in EXPORT_SUFFIXES:
                if suffix != ".json":
                    (folder / f"{ident}{suffix}").unlink(missing_ok=True)
        print(f"exporting {len(lacking)} chart(s) that earlier builds left without files", flush=True)
        export_charts({ident: charts[ident] for ident in lacking}, folder)
    return missing_exports(html_dir, charts)


def main(argv: list[str]) -> int:
    """Complete the exports of the site in ``argv[0]``; exit 1 if any is missing."""
    html_dir = Path(argv[0])
    still = complete_exports(html_dir)
    for path in still:
        print(f"missing chart export: {path}", file=sys.stderr)
    return 1 if still else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
