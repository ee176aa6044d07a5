"""Text contrast as WCAG 2 measures it, from the colours a browser computes.

The browser tests read each text node's colour and the background colours of
its ancestors (``getComputedStyle`` gives ``rgb(…)``/``rgba(…)`` strings); the
functions here turn those into one contrast ratio: parse, composite the
translucent layers from the canvas up, then compare relative luminances.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

#: WCAG 2 (1.4.3, level AA) minimum ratio for normal text.
NORMAL_TEXT = 4.5
#: The same for large text: at least 24 px, or at least 18.66 px (14 pt) and bold.
LARGE_TEXT = 3.0


class Colour(NamedTuple):
    """An sRGB colour with straight (not premultiplied) alpha, every channel in 0–1."""

    red: float
    green: float
    blue: float
    alpha: float = 1.0


WHITE = Colour(1.0, 1.0, 1.0)
TRANSPARENT = Colour(0.0, 0.0, 0.0, 0.0)

_FUNCTION = re.compile(r"^(rgba?|color)\((.*)\)$")


def parse_colour(text: str) -> Colour:
    """Read a CSS colour as a browser's computed style writes it.

    Accepts ``rgb()``/``rgba()`` with commas or spaces (channels 0–255 or
    percentages, alpha as a number or a percentage), ``color(srgb …)``,
    ``#rgb``/``#rgba``/``#rrggbb``/``#rrggbbaa``, ``transparent`` and the
    keywords ``white`` and ``black``.

    Examples
    --------
    >>> parse_colour("rgb(255, 0, 0)")
    Colour(red=1.0, green=0.0, blue=0.0, alpha=1.0)
    >>> parse_colour("rgba(0, 0, 0, 0.5)").alpha
    0.5
    >>> parse_colour("#4d4d4d") == parse_colour("rgb(77 77 77)")
    True
    >>> parse_colour("color(srgb 1 1 1 / 0.25)")
    Colour(red=1.0, green=1.0, blue=1.0, alpha=0.25)
    >>> parse_colour("transparent").alpha
    0.0
    >>> parse_colour("oklch(0.5 0.1 30)")
    Traceback (most recent call last):
    ...
    ValueError: cannot read the colour 'oklch(0.5 0.1 30)'
    """
    value = text.strip().lower()
    named = {"transparent": TRANSPARENT, "white": WHITE, "black": Colour(0.0, 0.0, 0.0)}
    if value in named:
        return named[value]
    if value.startswith("#"):
        return _parse_hex(value, text)
    match = _FUNCTION.match(value)
    if not match:
        raise ValueError(f"cannot read the colour {text!r}")
    kind, body = match.groups()
    parts = [p for p in re.split(r"[\s,/]+", body.strip()) if p]
    if kind == "color":
        if not parts or parts[0] != "srgb" or len(parts) not in (4, 5):
            raise ValueError(f"cannot read the colour {text!r}")
        channels = [_unit(p, 1.0) for p in parts[1:4]]
        alpha = _unit(parts[4], 1.0) if len(parts) == 5 else 1.0
    else:
        if len(parts) not in (3, 4):
            raise ValueError(f"cannot read the colour {text!r}")
        channels = [_unit(p, 255.0) for p in parts[:3]]
        alpha = _unit(parts[3], 1.0) if len(parts) == 4 else 1.0
    return Colour(*channels, alpha)


def _unit(token: str, scale: float) -> float:
    """One channel as a fraction: ``50%`` is 0.5, otherwise ``token / scale``, clamped to 0–1."""
    number = float(token[:-1]) / 100 if token.endswith("%") else float(token) / scale
    return min(1.0, max(0.0, number))


def _parse_hex(value: str, text: str) -> Colour:
    """``#rgb``, ``#rgba``, ``#rrggbb`` or ``#rrggbbaa``."""
    digits = value[1:]
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9a-f]+", digits):
        raise ValueError(f"cannot read the colour {text!r}")
    numbers = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    return Colour(*numbers)


def composite(top: Colour, bottom: Colour) -> Colour:
    """Paint ``top`` over ``bottom`` (the CSS "source-over" rule).

    Examples
    --------
    >>> composite(Colour(0, 0, 0, 0.5), WHITE)
    Colour(red=0.5, green=0.5, blue=0.5, alpha=1.0)
    >>> composite(TRANSPARENT, WHITE) == WHITE
    True
    >>> composite(Colour(1, 0, 0, 0.5), TRANSPARENT)
    Colour(red=1.0, green=0.0, blue=0.0, alpha=0.5)
    """
    alpha = top.alpha + bottom.alpha * (1 - top.alpha)
    if alpha == 0:
        return TRANSPARENT
    mixed = (
        (t * top.alpha + b * bottom.alpha * (1 - top.alpha)) / alpha
        for t, b in zip(top[:3], bottom[:3])
    )
    return Colour(*mixed, alpha)


def backdrop(layers: Iterable[str], canvas: Colour = WHITE) -> Colour:
    """The opaque colour behind a text: its ancestors' backgrounds painted over the canvas.

    ``layers`` are CSS background colours from the nearest ancestor outwards,
    as a walk up the DOM collects them.

    Examples
    --------
    >>> backdrop(["rgba(0, 0, 0, 0)", "rgb(20, 24, 30)"])
    Colour(red=0.0784313725490196, green=0.09411764705882353, blue=0.11764705882352941, alpha=1.0)
    >>> backdrop(["rgba(0, 0, 0, 0.5)"]).red
    0.5
    """
    result = canvas
    for layer in reversed(list(layers)):
        result = composite(parse_colour(layer), result)
    return result


def paint_over(base: Colour, fills: Iterable[tuple[str, float]]) -> Colour:
    """Paint CSS fill colours, each with an opacity, over ``base``, bottom one first.

    For text drawn on a chart's shapes: ``base`` is the chart's background,
    ``fills`` the shapes under the text in the order they were drawn.

    Examples
    --------
    >>> paint_over(WHITE, [("#000000", 0.5)]).red
    0.5
    >>> paint_over(WHITE, [("#ff0000", 1.0), ("rgba(0, 0, 255, 0.5)", 0.0)])
    Colour(red=1.0, green=0.0, blue=0.0, alpha=1.0)
    """
    result = base
    for fill, opacity in fills:
        colour = parse_colour(fill)
        result = composite(colour._replace(alpha=colour.alpha * opacity), result)
    return result


def relative_luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance of an opaque sRGB colour (0 for black, 1 for white).

    Examples
    --------
    >>> relative_luminance(WHITE)
    1.0
    >>> round(relative_luminance(parse_colour("#767676")), 3)
    0.181
    """

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(text: str | Colour, background: str | Colour, opacity: float = 1.0) -> float:
    """WCAG 2 contrast ratio (1–21) of a text colour over an opaque background.

    A translucent text colour, or one drawn inside elements with CSS
    ``opacity`` (their product is ``opacity``), is first blended into the
    background, as the reader sees it.

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    >>> round(contrast_ratio("#767676", "#ffffff"), 2)
    4.54
    >>> round(contrast_ratio("rgba(0, 0, 0, 0.5)", "#ffffff"), 2)
    3.98
    >>> contrast_ratio("#000", "#fff", opacity=0.5) == contrast_ratio("rgba(0,0,0,.5)", "#fff")
    True
    """
    fore = parse_colour(text) if isinstance(text, str) else text
    back = parse_colour(background) if isinstance(background, str) else background
    back = composite(back, WHITE) if back.alpha < 1 else back
    fore = composite(fore._replace(alpha=fore.alpha * opacity), back)
    lighter, darker = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def required_ratio(font_size_px: float, font_weight: int) -> float:
    """The WCAG AA minimum for text of this size and weight.

    Large text (at least 24 px, or at least 18.66 px and bold) needs 3:1,
    everything else 4.5:1.

    Examples
    --------
    >>> required_ratio(16, 400)
    4.5
    >>> required_ratio(24, 400)
    3.0
    >>> required_ratio(19, 700), required_ratio(19, 600)
    (3.0, 4.5)
    """
    large = font_size_px >= 24 or (font_size_px >= 18.66 and font_weight >= 700)
    return LARGE_TEXT if large else NORMAL_TEXT
