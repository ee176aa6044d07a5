"""Charts compiled to Vega when the book is written, so readers' browsers only draw them.

A chart's Vega-Lite spec is compiled twice by ``vl-convert``: as it is (the wide
layout) and fitted to a phone (:func:`narrow_spec`: smaller type, wrapped
titles, legends below). The page's script (``js/rir-embed.js``) picks one by the
chart's width and draws it with the Vega runtime alone: no Vega-Lite compiler
and no Vega-Embed reach the reader.

A chart's menus and brushes can be set from the page's address
(``#fig-timeline~zoom=2014-01-01..2024-12-31``). Vega-Lite writes a brush's
starting value into several expressions; :func:`compile_chart` compiles each
brush with a marker value and replaces the marker by a signal
(``rir_state_<param>``) that the script sets before drawing, so one compiled
spec draws every state. :func:`state_params` describes the params for the
script (kind, default, whether a brush runs along time).
"""

from __future__ import annotations

import copy
import json
import math
import re
from typing import Any

#: Vega-Lite version the book's charts are compiled with (the one Altair writes).
VEGA_LITE_VERSION = "6.4"


#: Charts narrower than this (pixels) are drawn in the narrow layout.
NARROW_BELOW = 560

#: Width the narrow layout wraps its titles for (a phone's text column).
NARROW_WIDTH = 340

#: The narrow layout's type sizes and legend placement (merged into the spec's config).
NARROW_CONFIG: dict[str, dict[str, Any]] = {
    "title": {"fontSize": 13, "subtitleFontSize": 10},
    "axis": {"labelFontSize": 10, "titleFontSize": 11},
    "legend": {
        "labelFontSize": 10,
        "titleFontSize": 10,
        "labelLimit": 220,
        "orient": "bottom",
        "direction": "vertical",
    },
}

_CHILDREN = ("layer", "vconcat", "hconcat", "concat")

#: First marker value of a brush: param ``i`` is marked ``[BASE + 2i + 0.125, BASE + 2i + 1.875]``.
_MARK_BASE = 918273645


def units(node: Any) -> list[dict[str, Any]]:
    """Every view of a Vega-Lite spec, the spec first, then layers and concatenated views.

    >>> [u.get("name") for u in units({"name": "a", "vconcat": [{"name": "b", "layer": [{}]}]})]
    ['a', 'b', None]
    """
    if not isinstance(node, dict):
        return []
    found = [node]
    for key in _CHILDREN:
        for child in node.get(key, []):
            found.extend(units(child))
    if isinstance(node.get("spec"), dict):
        found.extend(units(node["spec"]))
    return found


def wrap(text: str, limit: int) -> list[str]:
    """Split ``text`` into lines of at most ``limit`` characters, at spaces.

    >>> wrap("Arms transfers from Russia to Iran", 16)
    ['Arms transfers', 'from Russia to', 'Iran']
    """
    lines: list[str] = []
    line = ""
    for word in str(text).split(" "):
        if line and len(f"{line} {word}") > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _wrap_lines(value: Any, limit: int) -> list[str]:
    parts = value if isinstance(value, list) else [value]
    return [line for part in parts for line in wrap(part, limit)]


def narrow_spec(spec: dict[str, Any], width: int = NARROW_WIDTH) -> dict[str, Any]:
    """Return a copy of ``spec`` laid out for a chart ``width`` pixels wide.

    Titles and subtitles are wrapped, axis titles longer than the chart is wide
    go on two lines, legends drop their own placement so the narrow config (one
    column, below the chart) applies, and type is smaller.

    >>> narrow = narrow_spec({"title": "A long title about arms transfers and votes", "mark": "bar"})
    >>> narrow["title"]["text"], narrow["config"]["axis"]["labelFontSize"]
    (['A long title about arms transfers and', 'votes'], 10)
    """
    fitted = copy.deepcopy(spec)
    config = fitted.setdefault("config", {})
    for key, values in NARROW_CONFIG.items():
        config[key] = {**config.get(key, {}), **values}
    title_chars = max(20, math.floor(width / 8.5))
    subtitle_chars = max(28, math.floor(width / 6.2))
    axis_chars = max(24, math.floor(width / 9))
    for unit in units(fitted):
        if "title" in unit:
            title = unit["title"]
            title = dict(title) if isinstance(title, dict) else {"text": title}
            title["text"] = _wrap_lines(title.get("text", ""), title_chars)
            if "subtitle" in title:
                title["subtitle"] = _wrap_lines(title["subtitle"], subtitle_chars)
            unit["title"] = title
        encoding = unit.get("encoding", {})
        for key in ("x", "y"):
            channel = encoding.get(key)
            if isinstance(channel, dict) and isinstance(channel.get("title"), str):
                if len(channel["title"]) > axis_chars:
                    channel["title"] = wrap(channel["title"], axis_chars)
        for channel in encoding.values():
            if isinstance(channel, dict) and isinstance(channel.get("legend"), dict):
                for key in ("columns", "orient", "direction"):
                    channel["legend"].pop(key, None)
    return fitted


def _brush_is_temporal(spec: dict[str, Any], param: dict[str, Any]) -> bool:
    """Whether an interval param brushes a time axis (in the view named by its ``views``)."""
    encoding = (param["select"].get("encodings") or ["x"])[0]
    names = param.get("views") or []
    for unit in units(spec):
        holds = unit.get("name") in names if names else unit is spec
        if not holds:
            continue
        for view in units(unit):
            channel = view.get("encoding", {}).get(encoding)
            if isinstance(channel, dict) and (channel.get("type") == "temporal" or channel.get("timeUnit")):
                return True
    return False


def _is_interval(param: dict[str, Any]) -> bool:
    select = param.get("select")
    return select == "interval" or (isinstance(select, dict) and select.get("type") == "interval")


def _end_text(value: Any) -> str:
    """A numeric brush end as the address writes it (two decimals at most).

    >>> _end_text(1989.5), _end_text(2024.0)
    ('1989.5', '2024')
    """
    rounded = round(float(value), 2)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def state_params(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The chart's params the address can hold: menus and interval brushes, by name.

    Each has ``kind`` (``"menu"`` or ``"interval"``) and ``default``, its starting
    state as address text (``""`` when it has none). A menu lists its
    ``options``; a brush tells whether it is ``temporal`` and its starting
    ``value`` (``[start, end]`` as numbers, or ``None``).

    >>> state_params({"params": [{"name": "pick", "value": "All", "bind": {"input": "select",
    ...     "options": ["All", "Arms"]}}, {"name": "years", "select": {"type": "interval",
    ...     "encodings": ["x"]}, "value": {"x": [1989.5, 2024.5]}}], "mark": "bar"})["years"]
    {'kind': 'interval', 'temporal': False, 'value': [1989.5, 2024.5], 'default': '1989.5..2024.5'}
    """
    found: dict[str, dict[str, Any]] = {}
    for unit in units(spec):
        for param in unit.get("params", []):
            if param.get("bind") and not param.get("select"):
                value = param.get("value")
                found[param["name"]] = {
                    "kind": "menu",
                    "options": list(param["bind"].get("options") or []),
                    "default": "" if value is None else _menu_text(value),
                }
            elif _is_interval(param):
                ends = next(iter((param.get("value") or {}).values()), None)
                numeric = isinstance(ends, list) and len(ends) == 2 and all(
                    isinstance(end, (int, float)) for end in ends
                )
                found[param["name"]] = {
                    "kind": "interval",
                    "temporal": _brush_is_temporal(spec, param),
                    "value": [float(end) for end in ends] if numeric else None,
                    "default": f"{_end_text(ends[0])}..{_end_text(ends[1])}" if numeric else "",
                }
    return found


def _menu_text(value: Any) -> str:
    """A menu value as the address writes it (as JavaScript's ``String()`` would)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _interval_params(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for unit in units(spec) for p in unit.get("params", []) if _is_interval(p)]


def _vega_signals(node: Any) -> dict[str, dict[str, Any]]:
    """Every signal of a Vega spec, top level and inside group marks, by name."""
    found: dict[str, dict[str, Any]] = {}
    if isinstance(node, dict):
        for signal in node.get("signals", []):
            found.setdefault(signal["name"], signal)
        for mark in node.get("marks", []):
            for name, signal in _vega_signals(mark).items():
                found.setdefault(name, signal)
    return found


def _marker_text(number: float) -> str:
    return repr(float(number))


def compile_chart(spec: dict[str, Any], *, narrow: bool = False) -> dict[str, Any]:
    """Compile a Vega-Lite spec to ``{"vega": …, "state": …, "stores": …}`` for the page script.

    ``state`` is :func:`state_params`; ``stores`` names, per brush, the Vega data
    set holding its selection and the tuple (``unit``, ``fields``) to put there
    when the brush starts set. Each brush's starting value lives in the top-level
    signal ``rir_state_<name>`` (``null``: no selection). The spec's ``usermeta``
    is left out of the compiled chart.

    >>> compile_chart({"mark": "bar", "usermeta": {"rir": {"figure": "fig-x"}}})["vega"].get("usermeta")
    """
    import vl_convert

    source = narrow_spec(spec) if narrow else copy.deepcopy(spec)
    state = state_params(source)
    brushes = _interval_params(source)
    plain = copy.deepcopy(source)
    for param in _interval_params(plain):
        param.pop("value", None)
    markers: dict[str, tuple[float, float]] = {}
    for index, param in enumerate(brushes):
        low, high = _MARK_BASE + 2 * index + 0.125, _MARK_BASE + 2 * index + 1.875
        markers[param["name"]] = (low, high)
        encoding = (param["select"].get("encodings") or ["x"])[0]
        param["value"] = {encoding: [low, high]}
    vega = vl_convert.vegalite_to_vega(source, vl_version=VEGA_LITE_VERSION)
    # The book's metadata (figure, sources, package) stays in the .json download: nothing
    # that draws the chart reads it.
    vega.pop("usermeta", None)
    if not brushes:
        return {"vega": vega, "state": state, "stores": {}}
    unset = _vega_signals(vl_convert.vegalite_to_vega(plain, vl_version=VEGA_LITE_VERSION))
    stores = _take_stores(vega, markers)
    _bind_markers(vega, markers, unset)
    vega.setdefault("signals", [])
    for name in markers:
        vega["signals"].insert(0, {"name": f"rir_state_{name}", "value": state[name]["value"]})
    return {"vega": vega, "state": state, "stores": stores}


def _take_stores(vega: dict[str, Any], markers: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """Empty each brush's store data set; return where it is and the tuple it held."""
    stores: dict[str, Any] = {}
    for data in vega.get("data", []):
        for name, (low, _) in markers.items():
            if data.get("name") != f"{name}_store" or not data.get("values"):
                continue
            held = data.pop("values")[0]
            if held["values"][0][0] != low:
                raise ValueError(f"brush {name}: its store does not hold the value it was compiled with")
            stores[name] = {"data": data["name"], "unit": held["unit"], "fields": held["fields"]}
    missing = sorted(set(markers) - set(stores))
    if missing:
        raise ValueError(f"brushes without a store in the compiled chart: {missing}")
    return stores


def _bind_markers(
    vega: dict[str, Any], markers: dict[str, tuple[float, float]], unset: dict[str, dict[str, Any]]
) -> None:
    """Replace each marker in the signals' ``init`` by its ``rir_state_<name>`` end.

    A signal so changed starts as it would without a starting value (its
    ``value`` or ``init`` in ``unset``) while ``rir_state_<name>`` is null.
    """
    patterns = {
        name: [(re.compile(rf"(?<![\w.]){re.escape(_marker_text(end))}(?![\w.])"), f"rir_state_{name}[{i}]")
               for i, end in enumerate(ends)]
        for name, ends in markers.items()
    }
    for signal_name, signal in _vega_signals(vega).items():
        init = signal.get("init")
        if not isinstance(init, str):
            continue
        for name, replacements in patterns.items():
            new = init
            for pattern, reference in replacements:
                new = pattern.sub(reference, new)
            if new == init:
                continue
            before = unset.get(signal_name, {})
            fallback = before.get("init") or json.dumps(before.get("value"), separators=(",", ":"))
            signal["init"] = f"rir_state_{name} ? ({new}) : ({fallback})"
            signal.pop("value", None)
            init = signal["init"]
    leftover = [name for name, (low, high) in markers.items()
                if _marker_text(low) in json.dumps(vega) or _marker_text(high) in json.dumps(vega)]
    if leftover:
        raise ValueError(f"brush start values left in the compiled chart: {leftover}")
