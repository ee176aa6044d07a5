"""Local Sphinx extension: offline charts for the book.

* Serves one drawing script, ``_static/rir-vega.js`` (loaded ``defer``, only on
  pages that hold a chart): the Vega runtime and vega-tooltip, bundled by
  ``vl-convert`` from the copies it carries (:data:`RUNTIME_IMPORTS`) and
  wrapped in its own function scope so its many top-level names cannot clash
  with Sphinx's scripts, with ``js/rir-embed.js``. Charts reach it compiled to
  Vega (:mod:`analysis.site.vega_compile`): no Vega-Lite compiler and no
  Vega-Embed are sent to the reader.
* Publishes each chart as its page is written: its Vega-Lite ``.json`` (a
  download) and, compiled, ``.spec.js`` and ``.narrow.spec.js`` (the phone
  layout), which the drawing script loads.
* Exports every chart spec found on the pages to SVG (wide and narrow, the
  previews, :mod:`analysis.site.previews`) and PNG under
  ``_static/charts/`` (preview, static fallback, print and download), named after the
  figure (``arms-flow.svg``; :func:`analysis.site.render.export_name`), and a
  registry figure's data as ``arms-flow.zip`` (its CSV and README,
  :mod:`analysis.site.views`), at the end of the build and in parallel
  processes; each file is written atomically, Vega's process-wide id counters
  (clip paths, gradients) are renumbered per SVG and the zip has fixed
  timestamps and sorted entries, so two builds write the same bytes.
* Styles the chart's Table, Data and Cite views (``rir-views.css``).
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

from analysis.site.render import CHART_CLASS, STATIC_TOKEN, spec_json
from analysis.site.svg_tidy import drop_invisible_marks, normalise_svg_ids
from analysis.site.vega_compile import NARROW_WIDTH, VEGA_LITE_VERSION, compile_chart, narrow_spec

STATIC_DIR = Path(__file__).parent / "static"
BUNDLE_NAME = "rir-vega.js"
CSS_NAME = "rir-charts.css"
VIEWS_CSS_NAME = "rir-views.css"

#: A chart's spec on a page: groups are its export name (the stem of its files) and its JSON.
SPEC_PATTERN = re.compile(
    r'<script type="application/json" class="rir-spec" data-for="rir-[0-9a-f]+" '
    r'data-export="([0-9a-z-]+)">(.*?)</script>',
    re.S,
)

#: A chart's place on a built page: the spec itself lies in ``_static/charts/<name>.spec.js``
#: (see :func:`spec_reference`); the group is the export name.
SPEC_REF_PATTERN = re.compile(
    r'<script type="application/json" class="rir-spec" data-for="rir-[0-9a-f]+" '
    r'data-export="([0-9a-z-]+)" data-src="[^"]*"></script>'
)

#: Timestamp of every member of a chart's data zip (the earliest a zip can hold).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_OUTSIDE = re.compile(r"^(https?:)?//", re.I)


#: What the page's drawing script takes from Vega (``vl-convert`` serves these module
#: addresses from the copies it carries; nothing is fetched): the runtime that draws a
#: compiled chart, the transforms the book's charts use (Vega registers every one it has;
#: geo, force, hierarchy, label, regression, word cloud and cross-filter are left out),
#: and vega-tooltip's handler. A chart that needed a transform left out would fail to draw
#: (the browser tests draw every chart of every page).
RUNTIME_IMPORTS = """\
import { transforms as rirTransforms } from "https://cdn.jsdelivr.net/npm/vega-dataflow@6.1.0/+esm";
import * as rirBasic from "https://cdn.jsdelivr.net/npm/vega-transforms@5.1.0/+esm";
import * as rirViewTransforms from "https://cdn.jsdelivr.net/npm/vega-view-transforms@5.1.0/+esm";
import * as rirEncode from "https://cdn.jsdelivr.net/npm/vega-encode@5.1.0/+esm";
import * as rirVoronoi from "https://cdn.jsdelivr.net/npm/vega-voronoi@5.1.0/+esm";
import { View as VegaView } from "https://cdn.jsdelivr.net/npm/vega-view@6.1.0/+esm";
import { parse as vegaParse } from "https://cdn.jsdelivr.net/npm/vega-parser@7.1.0/+esm";
import { Handler as VegaTooltip } from "https://cdn.jsdelivr.net/npm/vega-tooltip@1.0.0/+esm";
Object.assign(rirTransforms, rirBasic, rirViewTransforms, rirEncode, rirVoronoi);
"""

def vega_bundle(cache_dir: Path) -> str:
    """Return the drawing script: the Vega runtime (:data:`RUNTIME_IMPORTS`) and ``rir-embed.js``.

    Bundled (and minified) by ``vl-convert`` from the modules it carries, wrapped
    in its own function scope so its many top-level names cannot clash with
    Sphinx's scripts, and cached on disk.
    """
    import vl_convert

    snippet = RUNTIME_IMPORTS + (Path(__file__).parent / "js" / "rir-embed.js").read_text(encoding="utf-8")
    key = hashlib.sha256(f"{vl_convert.__version__}|{snippet}".encode()).hexdigest()[:16]
    cached = cache_dir / f"rir-vega-{key}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(snippet=snippet)
    wrapped = (
        "/* The Vega runtime and vega-tooltip, bundled by vl-convert "
        f"{vl_convert.__version__}; BSD-3-Clause licensed. */\n"
        "(function () {\n" + bundle + "\n})();\n"
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_text(wrapped, encoding="utf-8")
    return wrapped


#: The type of the static exports: a font that vl-convert measures as the browser then draws
#: it (DejaVu Sans on Debian, where the book is built and printed; Verdana, of nearly the
#: same metrics, elsewhere). With the screen's font stack vl-convert measured a narrower
#: font than Chromium drew, and end labels ran past the SVG's edge.
STATIC_FONT = "'DejaVu Sans', Verdana, sans-serif"


def static_texts() -> dict[str, str]:
    """Texts of the live charts that name an interaction, with what a static export says instead."""
    from analysis.figures.timeline import ZOOM_HINT, ZOOM_HINT_STATIC

    return {ZOOM_HINT: ZOOM_HINT_STATIC}


def static_spec(spec: dict[str, Any], width: int = 720) -> dict[str, Any]:
    """Return a copy of ``spec`` for a static export.

    A fixed width instead of the container's, :data:`STATIC_FONT` for every
    font, and no text that asks the reader to drag or click
    (:func:`static_texts`).

    Examples
    --------
    >>> fixed = static_spec({"width": "container", "config": {"font": "system-ui"},
    ...                      "encoding": {"x": {"title": "Drag to zoom; double-click to reset"}}})
    >>> fixed["width"], fixed["config"]["font"], fixed["encoding"]["x"]["title"]
    (720, "'DejaVu Sans', Verdana, sans-serif", 'Date (every event)')
    """
    fixed = json.loads(json.dumps(spec))
    texts = static_texts()

    def fix(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = width
            for key, value in node.items():
                if isinstance(value, str) and (key == "font" or key.endswith("Font")):
                    node[key] = STATIC_FONT
                elif isinstance(value, str) and value in texts:
                    node[key] = texts[value]
                else:
                    fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)

    fix(fixed)
    return fixed


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


def spec_file_text(spec: dict[str, Any]) -> str:
    """Return the text of a chart's ``.json`` download (indented, keys sorted)."""
    return json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


#: The stem a chart's narrow (phone) files add to its name: ``arms-flow.narrow.svg``.
NARROW_STEM = ".narrow"


def spec_script_text(spec: dict[str, Any], name: str, *, narrow: bool = False) -> str:
    """Return the text of ``<name>.spec.js`` (``<name>.narrow.spec.js`` when ``narrow``).

    The chart compiled to Vega (:func:`analysis.site.vega_compile.compile_chart`,
    wide or narrow), handed to the page's drawing script under the file's stem.
    A script rather than a JSON file, so the book draws its charts opened from
    the disk too (a browser fetches no JSON over ``file://``).

    Examples
    --------
    >>> text = spec_script_text({"mark": "bar", "data": {"values": [{"a": 1}]}}, "t", narrow=True)
    >>> text.startswith('window.rirSpecArrived("t.narrow", {"state":{},"stores":{},"vega":{')
    True
    """
    compiled = compile_chart(spec, narrow=narrow)
    stem = name + (NARROW_STEM if narrow else "")
    return f"window.rirSpecArrived({json.dumps(stem)}, {spec_json(compiled)});\n"


def spec_reference(match: re.Match[str]) -> str:
    """Return the empty element that stands on a built page for an inline spec (``SPEC_PATTERN``).

    Examples
    --------
    >>> page = ('<script type="application/json" class="rir-spec" data-for="rir-0a" '
    ...         'data-export="t">{"mark":"bar"}</script>')
    >>> reference = SPEC_PATTERN.sub(spec_reference, page)
    >>> reference
    '<script type="application/json" class="rir-spec" data-for="rir-0a" data-export="t" data-src="@RIR_STATIC@/charts/t.spec.js"></script>'
    >>> SPEC_REF_PATTERN.findall(reference)
    ['t']
    """
    opening = match.group(0)[: match.group(0).index(">")]
    return f'{opening} data-src="{STATIC_TOKEN}/charts/{match.group(1)}.spec.js"></script>'


def publish_spec(spec: dict[str, Any], name: str, charts_dir: Path, chart_href: str = "") -> None:
    """Write a chart's ``.json`` and its compiled ``.spec.js`` and ``.narrow.spec.js`` as its page is written,
    and its Table view's ``.table.js`` and ``.table.html`` (:mod:`analysis.site.views`), whose
    link back leads to ``chart_href`` (relative to ``charts_dir``).

    When the spec changed, its SVG is removed first, so :func:`is_exported`
    sends the chart to be exported again at the end of the build.
    """
    from analysis.figures.meta import main_rows
    from analysis.site.views import table_page_html, table_script_text

    charts_dir.mkdir(parents=True, exist_ok=True)
    if main_rows(spec)[1]:
        for suffix, text in ((".table.js", table_script_text(spec, name)),
                             (".table.html", table_page_html(spec, name, chart_href))):
            path = charts_dir / f"{name}{suffix}"
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                write_atomically(path, text.encode("utf-8"))
    json_path = charts_dir / f"{name}.json"
    text = spec_file_text(spec)
    changed = not json_path.is_file() or json_path.read_text(encoding="utf-8") != text
    if changed:
        (charts_dir / f"{name}.svg").unlink(missing_ok=True)
    for narrow in (False, True):
        script_path = charts_dir / f"{name}{NARROW_STEM if narrow else ''}.spec.js"
        if changed or not script_path.is_file():
            write_atomically(script_path, spec_script_text(spec, name, narrow=narrow).encode("utf-8"))
    if changed:
        write_atomically(json_path, text.encode("utf-8"))


def data_zip(spec: dict[str, Any], name: str) -> bytes:
    """Return the chart's data zip: ``<name>/<name>.csv`` and ``<name>/README.md``.

    Members are sorted and dated :data:`_ZIP_TIME`, so the same spec gives the same bytes.

    Examples
    --------
    >>> import io, zipfile
    >>> spec = {"title": "T", "data": {"name": "d"}, "datasets": {"d": [{"year": 1990}]},
    ...         "usermeta": {"rir": {"figure": "fig-t", "package": {"version": "1"}}}}
    >>> data_zip(spec, "t") == data_zip(spec, "t")
    True
    >>> zipfile.ZipFile(io.BytesIO(data_zip(spec, "t"))).namelist()
    ['t/README.md', 't/t.csv']
    """
    import io
    import zipfile

    from analysis.site.views import csv_text, readme_text

    members = {f"{name}/{name}.csv": csv_text(spec), f"{name}/README.md": readme_text(spec)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(members):
            info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[member].encode("utf-8"))
    return buffer.getvalue()


def _has_data(spec: dict[str, Any]) -> bool:
    from analysis.figures.meta import chart_meta

    return bool(chart_meta(spec))


def is_exported(spec: dict[str, Any], name: str, charts_dir: Path) -> bool:
    """Return whether ``charts_dir`` holds a complete export of this very spec under ``name``.

    Files are named after the figure, not the content, so a present SVG is not
    enough: the ``.json`` beside it must be this spec's.
    """
    json_path = charts_dir / f"{name}.json"
    if not (charts_dir / f"{name}.svg").is_file() or not json_path.is_file():
        return False
    if _has_data(spec) and not (charts_dir / f"{name}.zip").is_file():
        return False
    for suffix in (".spec.js", f"{NARROW_STEM}.spec.js", f"{NARROW_STEM}.svg"):
        if not (charts_dir / f"{name}{suffix}").is_file():
            return False
    return json_path.read_text(encoding="utf-8") == spec_file_text(spec)


def export_chart(spec: dict[str, Any], name: str, charts_dir: Path) -> None:
    """Write ``<name>.svg``, ``.png``, ``.json``, the compiled ``.spec.js`` (and ``.zip`` for a
    registry figure) for one spec, and its phone layout's ``.narrow.svg`` and ``.narrow.spec.js``.

    Nothing is written when the folder already holds this spec's export
    (:func:`is_exported`). Otherwise the SVG is removed first and written last,
    each file atomically, so a present SVG means a complete export, even after
    an interrupted build.
    """
    import vl_convert

    charts_dir.mkdir(parents=True, exist_ok=True)
    svg_path = charts_dir / f"{name}.svg"
    if is_exported(spec, name, charts_dir):
        return
    svg_path.unlink(missing_ok=True)
    fixed = static_spec(spec)
    write_atomically(charts_dir / f"{name}.json", spec_file_text(spec).encode("utf-8"))
    for narrow in (False, True):
        script = spec_script_text(spec, name, narrow=narrow)
        write_atomically(charts_dir / f"{name}{NARROW_STEM if narrow else ''}.spec.js", script.encode("utf-8"))
    png = vl_convert.vegalite_to_png(fixed, vl_version=VEGA_LITE_VERSION, scale=2)
    write_atomically(charts_dir / f"{name}.png", png)
    if _has_data(spec):
        write_atomically(charts_dir / f"{name}.zip", data_zip(spec, name))
    narrow = narrow_spec(static_spec(spec, width=NARROW_WIDTH))
    narrow_svg = vl_convert.vegalite_to_svg(narrow, vl_version=VEGA_LITE_VERSION)
    narrow_svg = drop_invisible_marks(normalise_svg_ids(narrow_svg))
    write_atomically(charts_dir / f"{name}{NARROW_STEM}.svg", narrow_svg.encode("utf-8"))
    svg = vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE_VERSION)
    svg = drop_invisible_marks(normalise_svg_ids(svg))
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
    # For this page only (Sphinx reverts per page); deferred, so it never holds up the text.
    app.add_js_file(BUNDLE_NAME, loading_method="defer")
    pending: dict[str, str] = app.builder.__dict__.setdefault("rir_pending_charts", {})
    charts_dir = Path(app.outdir) / "_static" / "charts"
    for match in SPEC_PATTERN.finditer(body):
        name, payload = match.groups()
        spec = json.loads(payload)
        pending[name] = payload
        publish_spec(spec, name, charts_dir, chart_address(pagename, spec, match[0]))
    # The page keeps a reference to each spec, not its data (see rir-embed.js).
    body = SPEC_PATTERN.sub(spec_reference, body)
    context["body"] = body.replace(STATIC_TOKEN, context["pathto"]("_static", 1))


def chart_address(pagename: str, spec: dict[str, Any], element: str) -> str:
    """Return the address of a chart on its page, from ``_static/charts/``: the figure's
    anchor, or the chart block's own id for a chart outside the registry.

    Examples
    --------
    >>> element = '<script type="application/json" class="rir-spec" data-for="rir-0a" data-export="t">'
    >>> chart_address("book/arms", {"usermeta": {"rir": {"figure": "fig-t"}}}, element)
    '../../book/arms.html#fig-t'
    >>> chart_address("book/arms", {}, element)
    '../../book/arms.html#rir-0a'
    """
    from analysis.figures.meta import chart_meta

    anchor = chart_meta(spec).get("figure") or re.search(r'data-for="([^"]+)"', element)[1]
    return f"../../{pagename}.html#{anchor}"


def _export_payload(job: tuple[str, str, str]) -> str:
    name, payload, charts_dir = job
    export_chart(json.loads(payload), name, Path(charts_dir))
    return name


def export_charts(pending: dict[str, str], charts_dir: Path, workers: int = 2) -> int:
    """Export every pending chart, in separate processes (vl-convert holds the GIL).

    Returns the number of charts exported.
    """
    jobs = [
        (name, payload, str(charts_dir))
        for name, payload in sorted(pending.items())
        if not is_exported(json.loads(payload), name, charts_dir)
    ]
    if len(jobs) <= 1 or workers <= 1:
        for job in jobs:
            _export_payload(job)
        return len(jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: the build's process has already run vl-convert (compiling the
    # pages' charts), and a forked copy of its runtime's threads would wait forever.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
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
    from analysis.site.previews import size_site_previews

    size_site_previews(Path(app.outdir))
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
    app.add_css_file(VIEWS_CSS_NAME)
    app.connect("html-page-context", on_page_context, priority=900)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
