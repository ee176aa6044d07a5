"""Arms orders against deliveries, per order, in both directions between Russia and Iran.

A pure builder and the registry's data step for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis import deals
from analysis.figures.common import (
    SIPRI_SOURCE,
    release_name,
    require_columns,
    resource_sources,
    tips,
    titled,
)
from analysis.names import dyad_name
from analysis.theme import COLOURS


#: Pixels per character of a bar's 10-px number label (a generous average).
_LABEL_PX = 7


def headline(table: pd.DataFrame) -> str:
    """Return the orders chart's title: the direction that delivered most against the other's gap.

    It names the order with most units delivered in the direction that
    delivered most in all, and the order with most units still outstanding in
    the other direction, each with the units delivered and its recipient.

    Examples
    --------
    >>> table = pd.DataFrame({"direction": ["Iran → Russia", "Russia → Iran", "Russia → Iran"],
    ...     "designation": ["Shahed-136", "Su-35S", "Yak-130"],
    ...     "number_ordered": pd.array([6600, 24, 24], dtype="Int64"),
    ...     "number_delivered": pd.array([4600, 0, 6], dtype="Int64")})
    >>> headline(table)
    '4,600 Shahed-136 to Russia; 0 Su-35S to Iran'
    """
    delivered = table.groupby("direction", sort=False)["number_delivered"].sum()
    ahead = str(delivered.idxmax())
    sent = table[table["direction"] == ahead].sort_values("number_delivered", ascending=False).iloc[0]
    rest = table[table["direction"] != ahead]
    if rest.empty:
        return f"{int(sent['number_delivered']):,} {sent['designation']} to {_recipient(ahead)}"
    gap = (rest["number_ordered"].astype("Float64") - rest["number_delivered"].astype("Float64")).fillna(0)
    owed = rest.loc[gap.astype("float64").idxmax()]
    return (f"{int(sent['number_delivered']):,} {sent['designation']} to {_recipient(ahead)}; "
            f"{int(owed['number_delivered']):,} {owed['designation']} to {_recipient(str(owed['direction']))}")


def _recipient(direction: str) -> str:
    """Return the recipient of a direction label: ``"Iran → Russia"`` → ``"Russia"``."""
    return direction.split(" → ")[-1]


def ordered_delivered_chart(
    table: pd.DataFrame, credit: Sequence[str] = (SIPRI_SOURCE,), through: int = 2024
) -> alt.VConcatChart:
    """Paired horizontal bars of units ordered and delivered per order, by direction.

    Parameters
    ----------
    table
        Rows of :func:`analysis.deals.ordered_vs_delivered` with two more
        columns: ``direction`` (e.g. ``"Russia → Iran"``) and ``label``
        (designation and order year). One panel per direction, each with its
        own scale, because drones are counted in thousands and air-defence
        systems in units.
    through
        The last year of deliveries counted (the register's last delivery year).

    Examples
    --------
    >>> table = pd.DataFrame({"direction": ["Iran → Russia"], "label": ["Shahed-136 (2022)"],
    ...     "designation": ["Shahed-136"], "order_year": [2022],
    ...     "number_ordered": pd.array([6600], dtype="Int64"),
    ...     "number_delivered": pd.array([4600], dtype="Int64"),
    ...     "description": ["drone"], "progress": ["partly delivered"]})
    >>> spec = ordered_delivered_chart(table).to_dict()
    >>> spec["vconcat"][0]["layer"][0]["encoding"]["x"]["title"]
    'Units'
    """
    require_columns(table, ["direction", "label", "number_ordered", "number_delivered", "progress"])
    long = table.melt(
        id_vars=["direction", "label", "description", "progress"],
        value_vars=["number_ordered", "number_delivered"],
        var_name="measure",
        value_name="units",
    )
    long["measure"] = long["measure"].map(
        {"number_ordered": "Ordered", "number_delivered": f"Delivered to end of {through}"}
    )
    long["known"] = long["units"].notna()
    long["units"] = long["units"].astype("Float64").fillna(0).astype("float64")
    long["note"] = [
        "number not known" if not known else f"{units:,.0f}"
        for units, known in zip(long["units"], long["known"], strict=True)
    ]
    measures = ["Ordered", f"Delivered to end of {through}"]
    since = int(table["order_year"].min())
    directions = list(dict.fromkeys(table["direction"].tolist()))
    facts = "; ".join(
        f"{row.label}: {'?' if pd.isna(row.number_ordered) else f'{row.number_ordered:,}'} "
        f"ordered, {row.number_delivered:,} delivered"
        for row in table.itertuples()
    )
    panels = []
    for direction in directions:
        part = long[long["direction"] == direction]
        labels = list(dict.fromkeys(part["label"].tolist()))
        # The bars stop short of the plot's right edge by the width of the longest number,
        # so the label beside the longest bar is not cut off on a narrow screen.
        widest = max((len(n) for n, k in zip(part["note"], part["known"], strict=True) if k), default=0)
        room = _LABEL_PX * widest + 8
        base = alt.Chart(part).encode(
            y=alt.Y("label:N", title=None, sort=labels),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("units:Q", title="Units", scale=alt.Scale(rangeMax={"expr": f"width - {room}"})),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=[COLOURS["other"], COLOURS["iran"]]),
            ),
            tooltip=tips(("label:N", "Order"), ("description:N", "Type"), ("measure:N", "Measure"),
                         ("note:N", "Units"), ("progress:N", "Progress")),
        )
        text = base.mark_text(align="left", dx=3, fontSize=10, color=COLOURS["neutral"]).encode(
            text=alt.Text("note:N")
        )
        panels.append(
            alt.layer(bars, text).properties(
                width="container",
                height=34 * len(labels) + 10,
                title=alt.Title(direction, fontSize=13),
            )
        )
    return alt.vconcat(*panels, spacing=18).properties(
        title=titled(headline(table),
                     [f"Units ordered and delivered, orders placed since {since}.",
                      "Each panel has its own scale."], credit),
        description=(
            f"Paired horizontal bars of units ordered and units delivered to the end of {through} "
            f"for each arms order between Russia and Iran since {since}, by direction. {facts}."
        ),
    )


def deals_credit(package: Any) -> list[str]:
    """Return the source lines of the orders chart: the register's release and last delivery year."""
    (register,) = resource_sources(package, "arms_deals")
    last = int(package["arms_deals"]["last_delivery_year"].max())
    return [f"Deliveries to the end of {last} ({release_name(register)} release).", SIPRI_SOURCE]


def order_table(package: Any, since: int = 2015) -> pd.DataFrame:
    """Return the orders in both directions between Russia and Iran since ``since``, labelled.

    A domain-level step (the register's rows with ``direction`` and
    ``label``) kept here beside the one chart that draws it; chapters reuse it
    for the numbers they quote about single orders.
    """
    tables = []
    for dyad in ("RUS-IRN", "IRN-RUS"):
        supplier, recipient = dyad.split("-")
        part = deals.ordered_vs_delivered(package["arms_deals"], supplier, recipient, since=since)
        tables.append(part.assign(direction=dyad_name(dyad),
                                  label=part["designation"] + " (" + part["order_year"].astype(str) + ")"))
    return pd.concat(tables, ignore_index=True)


def orders_data(package: Any) -> dict[str, Any]:
    """Inputs of the ordered-against-delivered chart, orders since 2015."""
    return {"table": order_table(package), "credit": deals_credit(package),
            "through": int(package["arms_deals"]["last_delivery_year"].max())}
