"""Gallery-style tests of the scorecard chart."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import vl_convert

from analysis.charts.scorecard import VERDICT_STYLE, scorecard_chart, scorecard_frame
from analysis.claims import scorecard
from analysis.sphinx_vega import VEGA_LITE_VERSION, static_spec
from analysis.theme import COLOURS, PALETTE, use_house_theme

CARD = pd.DataFrame({
    "claim_id": ["C01", "C02", "C03", "C04"],
    "paragraph": [1, 1, 2, 8],
    "claim": ["Hostility <b>long</b>", "Common adversary", "An alliance", "Drones"],
    "verdict": ["supported", "partly supported", "contradicted", "unverifiable"],
    "basis": ["data", "sources", "data", "data"],
})


@pytest.fixture(scope="module")
def spec() -> dict:
    use_house_theme()
    return scorecard_chart(CARD).to_dict()


def test_spec_round_trips_and_renders(spec: dict) -> None:
    assert json.loads(json.dumps(spec)) == spec
    svg = vl_convert.vegalite_to_svg(static_spec(spec, width=600), vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")


def test_title_subtitle_description(spec: dict) -> None:
    assert len(spec["title"]["text"]) <= 45
    assert all(len(line) <= 55 for line in spec["title"]["subtitle"])
    assert "Source" in spec["title"]["subtitle"][-1]
    assert "4 checkable claims" in spec["description"]
    assert "1 supported" in spec["description"]
    assert spec["width"] == "container"


def test_colours_come_from_the_theme(spec: dict) -> None:
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["type"] == "nominal"
    assert set(colour["scale"]["range"]) <= set(PALETTE) | set(COLOURS.values())
    assert len(set(colour["scale"]["range"])) == len(VERDICT_STYLE)


def test_tooltips_name_the_claim(spec: dict) -> None:
    titles = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert titles == ["Claim", "Paragraph", "The essay says", "Verdict", "Basis"]


def test_frame_positions_and_errors() -> None:
    frame = scorecard_frame(CARD)
    assert frame["position"].tolist() == [1, 2, 1, 1]
    with pytest.raises(ValueError, match="empty"):
        scorecard_frame(CARD.iloc[0:0])
    with pytest.raises(ValueError, match="unknown verdicts"):
        scorecard_frame(CARD.assign(verdict="maybe"))
    with pytest.raises(ValueError, match="lacks columns"):
        scorecard_frame(CARD.drop(columns="basis"))


def test_real_scorecard_chart_is_small(package) -> None:
    chart = scorecard_chart(scorecard(package))
    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    assert sum(len(rows) for rows in datasets.values()) == 30
    assert "30 checkable claims" in spec["description"]
