"""Local Sphinx extension: offline charts for the book.

* Serves one copy of Vega, Vega-Lite and Vega-Embed (from ``vl-convert``'s
  bundle, wrapped in its own function scope so its many top-level names cannot
  clash with Sphinx's scripts) as ``_static/rir-vega.js``, added only to pages
  that hold a chart.
* Exports every chart spec found on the pages to SVG, PNG and JSON under
  ``_static/charts/`` (static fallback, print and download), at the end of
  the build and in parallel processes; each file is written atomically, and
  Vega's process-wide id counters (clip paths, gradients) are renumbered per
  SVG, so two builds write the same bytes.
* Removes every script or stylesheet that would send the reader's browser to an
  outside host (sphinx-thebe is loaded by Jupyter Book even with launch buttons
  off and declares ``THEBE_JS_URL`` twice, a page error).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from analysis.site.render import CHART_CLASS, STATIC_TOKEN

STATIC_DIR = Path(__file__).parent / "static"
BUNDLE_NAME = "rir-vega.js"
CSS_NAME = "rir-charts.css"
VEGA_LITE_VERSION = "6.4"

_SPEC_RE = re.compile(
    r'<script type="application/json" class="rir-spec" data-for="rir-([0-9a-f]+)">(.*?)</script>',
    re.S,
)
_OUTSIDE = re.compile(r"^(https?:)?//", re.I)


def vega_bundle(cache_dir: Path) -> str:
    """Return the wrapped Vega bundle with the embedding snippet, cached on disk."""
    import vl_convert

    snippet = (Path(__file__).parent / "js" / "rir-embed.js").read_text(encoding="utf-8")
    key = hashlib.sha256(
        f"{vl_convert.__version__}|{VEGA_LITE_VERSION}|{snippet}".encode()
    ).hexdigest()[:16]
    cached = cache_dir / f"rir-vega-{key}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(snippet=snippet, vl_version=VEGA_LITE_VERSION)
    wrapped = (
        "/* Vega, Vega-Lite and Vega-Embed, bundled by vl-convert "
        f"{vl_convert.__version__}; BSD-3-Clause licensed. */\n"
        "(function () {\n" + bundle + "\n})();\n"
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_text(wrapped, encoding="utf-8")
    return wrapped


def static_spec(spec: dict[str, Any], width: int = 720) -> dict[str, Any]:
    """Return a copy of ``spec`` sized for a static export (no container width)."""
    fixed = json.loads(json.dumps(spec))

    def fix(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = width
            for value in node.values():
                fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)

    fix(fixed)
    return fixed


#: Ids that Vega's SVG renderer numbers from process-wide counters (``clip3``,
#: ``gradient_7``; radial gradients add a ``p_`` pattern), so the same chart
#: exported twice can differ. Matched only where an id is defined or referenced.
_SVG_ID_RE = re.compile(
    r'(?P<lead>\bid="|url\(#|href="#)(?P<p>p_)?(?P<kind>clip|gradient_)(?P<num>\d+)(?=[")])'
)


def normalise_svg_ids(svg: str) -> str:
    """Renumber Vega's generated ids in order of first appearance, per kind.

    Every definition (``id="…"``) and reference (``url(#…)``, ``href="#…"``)
    of one id gets the same new number, so the drawing is unchanged and the
    text no longer depends on what the exporting process drew before.

    Examples
    --------
    >>> normalise_svg_ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><b id="clip9"/>')
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><b id="clip2"/>'
    >>> normalise_svg_ids('<g fill="url(#gradient_4)"/><p id="p_gradient_4"/>')
    '<g fill="url(#gradient_1)"/><p id="p_gradient_1"/>'
    """
    numbers: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}

    def renumber(match: re.Match[str]) -> str:
        kind, num = match["kind"], match["num"]
        if (kind, num) not in numbers:
            counts[kind] = counts.get(kind, 0) + 1
            numbers[(kind, num)] = counts[kind]
        return f"{match['lead']}{match['p'] or ''}{kind}{numbers[(kind, num)]}"

    return _SVG_ID_RE.sub(renumber, svg)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    An interrupted write leaves at most a stray ``.<name>.*.tmp`` file, never a
    partial ``path``.
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_chart(spec: dict[str, Any], ident: str, charts_dir: Path) -> None:
    """Write ``<ident>.svg``, ``.png`` and ``.json`` for one spec, unless present.

    Each file is written atomically and the SVG last, so a present SVG means a
    complete export (the skip test), even after an interrupted build.
    """
    import vl_convert

    charts_dir.mkdir(parents=True, exist_ok=True)
    svg_path = charts_dir / f"{ident}.svg"
    if svg_path.is_file():
        return
    fixed = static_spec(spec)
    spec_text = (
        json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    )
    write_atomically(charts_dir / f"{ident}.json", spec_text.encode("utf-8"))
    png = vl_convert.vegalite_to_png(fixed, vl_version=VEGA_LITE_VERSION, scale=2)
    write_atomically(charts_dir / f"{ident}.png", png)
    svg = normalise_svg_ids(vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE_VERSION))
    write_atomically(svg_path, svg.encode("utf-8"))


def _is_outside(asset: Any) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return bool(_OUTSIDE.match(filename)) or "thebe" in filename or "THEBE" in body


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Strip outside assets; on chart pages add the bundle and export the charts."""
    for key in ("script_files", "css_files"):
        if key in context:
            # In place: the list is the builder's own, restored before every page.
            context[key][:] = [a for a in context[key] if not _is_outside(a)]
    body = context.get("body", "")
    if f'class="{CHART_CLASS}"' not in body:
        return
    app.add_js_file(BUNDLE_NAME)  # for this page only (Sphinx reverts per page)
    pending: dict[str, str] = app.builder.__dict__.setdefault("rir_pending_charts", {})
    for ident, payload in _SPEC_RE.findall(body):
        pending[ident] = payload
    context["body"] = body.replace(STATIC_TOKEN, context["pathto"]("_static", 1))


def _export_payload(job: tuple[str, str, str]) -> str:
    ident, payload, charts_dir = job
    export_chart(json.loads(payload), ident, Path(charts_dir))
    return ident


def export_charts(pending: dict[str, str], charts_dir: Path, workers: int = 2) -> int:
    """Export every pending chart, in separate processes (vl-convert holds the GIL).

    Returns the number of charts exported.
    """
    jobs = [
        (ident, payload, str(charts_dir))
        for ident, payload in sorted(pending.items())
        if not (charts_dir / f"{ident}.svg").is_file()
    ]
    if len(jobs) <= 1 or workers <= 1:
        for job in jobs:
            _export_payload(job)
        return len(jobs)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_export_payload, jobs))
    return len(jobs)


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Export the pages' charts and write the shared bundle once into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    pending = app.builder.__dict__.get("rir_pending_charts", {})
    if pending:
        print(f"exporting the charts of the pages written: {len(pending)} chart(s)", flush=True)
    export_charts(pending, Path(app.outdir) / "_static" / "charts", workers=os.cpu_count() or 1)
    target = Path(app.outdir) / "_static" / BUNDLE_NAME
    bundle = vega_bundle(Path(app.outdir).parent / ".rir-cache")
    if not target.is_file() or target.read_text(encoding="utf-8") != bundle:
        write_atomically(target, bundle.encode("utf-8"))


def on_config_inited(app: Any, config: Any) -> None:
    """Serve the extension's CSS from its own static folder.

    The folder is given relative to the configuration directory: Sphinx hashes
    ``html_static_path`` into the site's ``.buildinfo``, which must not depend
    on where the repository lies.
    """
    config.html_static_path = [
        *config.html_static_path,
        os.path.relpath(STATIC_DIR, app.confdir).replace(os.sep, "/"),
    ]


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers."""
    app.connect("config-inited", on_config_inited)
    app.add_css_file(CSS_NAME)
    app.connect("html-page-context", on_page_context, priority=900)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
