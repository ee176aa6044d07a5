"""The scorecard builder on a small card: positions, tooltips, errors."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.figures.scorecard import VERDICT_STYLE, scorecard_chart, scorecard_data, scorecard_frame
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


def test_real_scorecard_draws_every_claim(package) -> None:
    card = scorecard_data(package)["card"]
    spec = scorecard_chart(card).to_dict()
    assert sum(len(rows) for rows in spec["datasets"].values()) == len(card)
    assert f"{len(card)} checkable claims" in spec["description"]
