"""The house chart theme: one registered Altair theme for every chart in the book.

Colours are the Okabe–Ito palette, which stays distinguishable for the common
forms of colour-blindness; text colours meet WCAG AA contrast on white.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from analysis.contrast import contrast_ratio

from analysis.names import NAMES, SOVIET_RUSSIA

THEME_NAME = "rir"

#: Okabe–Ito colours, in the order categorical series use them.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (never for text or thin lines)
)

#: Named roles used across chapters so a country keeps its colour everywhere.
COLOURS: dict[str, str] = {
    "russia": PALETTE[0],
    "iran": PALETTE[1],
    "china": PALETTE[2],
    "usa": PALETTE[3],
    "iraq": PALETTE[4],
    "other": "#6b6b6b",
    "cooperation": PALETTE[2],
    "conflict": PALETTE[1],
    "neutral": "#6b6b6b",
}

#: Colour of each state or series, keyed by code (``names.py``), so a state keeps
#: its colour in every chart whatever label the chart gives it.
STATE_COLOURS: dict[str, str] = {
    SOVIET_RUSSIA: COLOURS["russia"],
    "SUN": COLOURS["russia"],
    "RUS": COLOURS["russia"],
    "IRN": COLOURS["iran"],
    "IRQ": COLOURS["iraq"],
    "CHN": COLOURS["china"],
    "USA": COLOURS["usa"],
    "PRK": PALETTE[5],
    "OTHER": COLOURS["other"],
}

#: Colour of each pair of states in the UN voting charts, keyed by pair code.
PAIR_COLOURS: dict[str, str] = {
    "RUS-IRN": COLOURS["russia"],
    "IRN-CHN": COLOURS["china"],
    "RUS-USA": PALETTE[4],
    "IRN-USA": COLOURS["usa"],
}

_CODES: dict[str, str] = {label: code for code, label in NAMES.items()}

TEXT = "#1f1f1f"
MUTED = "#4d4d4d"


def ink(colour: str, background: str = "#ffffff", ratio: float = 4.5) -> str:
    """Return ``colour`` darkened just enough to be read as text on ``background`` (WCAG ratio).

    A series' colour may be fine for a line yet too light for its label
    (the palette's vermillion is 3.9:1 on white); the label takes the same
    hue, darker.

    Examples
    --------
    >>> ink("#0072B2")
    '#0072B2'
    >>> ink("#D55E00"), round(contrast_ratio(ink("#D55E00"), "#ffffff"), 1)
    ('#C25600', 4.5)
    """
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    step = 0
    shade = colour
    while contrast_ratio(shade, background) < ratio:
        step += 1
        scale = 1 - step / 100
        shade = f"#{round(red * scale):02X}{round(green * scale):02X}{round(blue * scale):02X}"
    return shade

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def state_colour(code_or_name: str, default: str = COLOURS["other"]) -> str:
    """Return the colour of a state given its code or its display name.

    Examples
    --------
    >>> state_colour("IRN") == state_colour("Iran") == COLOURS["iran"]
    True
    >>> state_colour("Atlantis")
    '#6b6b6b'
    """
    return STATE_COLOURS.get(_CODES.get(code_or_name, code_or_name), default)


def theme_config() -> dict[str, Any]:
    """Return the Vega-Lite config of the house theme.

    Examples
    --------
    >>> theme_config()["config"]["range"]["category"][0]
    '#0072B2'
    """
    return {
        "config": {
            "background": "white",
            "font": FONT,
            "view": {"continuousWidth": 640, "continuousHeight": 300, "stroke": None},
            "autosize": {"type": "fit-x", "contains": "padding"},
            "title": {
                "anchor": "start",
                "fontSize": 16,
                "fontWeight": 600,
                "color": TEXT,
                "subtitleColor": MUTED,
                "subtitleFontSize": 12,
                "offset": 12,
            },
            "axis": {
                "labelColor": MUTED,
                "titleColor": TEXT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": 500,
                "gridColor": "#e6e6e6",
                "domainColor": "#8c8c8c",
                "tickColor": "#8c8c8c",
            },
            "legend": {
                "labelColor": TEXT,
                "titleColor": TEXT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "top",
                "direction": "horizontal",
            },
            "range": {"category": list(PALETTE)},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 50, "filled": True},
            "bar": {"cornerRadiusEnd": 1},
        }
    }


@alt.theme.register(THEME_NAME, enable=False)
def _house_theme() -> alt.theme.ThemeConfig:
    return theme_config()  # type: ignore[return-value]


def use_house_theme() -> None:
    """Enable the house theme for every chart made afterwards in this process."""
    alt.theme.enable(THEME_NAME)
