"""The book renderer: inert specs, alt text, stable ids."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from analysis.site.render import STATIC_TOKEN, chart_html, chart_id, spec_json


def _spec(text: str) -> dict:
    frame = pd.DataFrame({"label": [text], "value": [1]})
    chart = alt.Chart(frame).mark_bar().encode(x="value:Q", y="label:N")
    return chart.properties(description=f"Bar chart of {text}").to_dict()


def test_script_text_in_data_stays_inert() -> None:
    hostile = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'
    block = chart_html(_spec(hostile))
    # The only closing script tag is the one that ends the spec element.
    assert block.count("</script>") == 1
    assert "<img src=x" not in block
    payload = re.search(r'class="rir-spec"[^>]*>(.*?)</script>', block, re.S).group(1)
    datasets = json.loads(payload)["datasets"]
    labels = [row["label"] for rows in datasets.values() for row in rows]
    assert labels == [hostile]


def test_alt_text_is_required() -> None:
    spec = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q").to_dict()
    with pytest.raises(ValueError, match="description"):
        chart_html(spec)


def test_ids_depend_only_on_content() -> None:
    assert chart_id(_spec("a")) == chart_id(_spec("a"))
    assert chart_id(_spec("a")) != chart_id(_spec("b"))


def test_block_links_static_fallbacks() -> None:
    block = chart_html(_spec("a"))
    ident = chart_id(_spec("a"))
    for suffix in ("svg", "png", "json"):
        assert f"{STATIC_TOKEN}/charts/{ident}.{suffix}" in block
    assert "<noscript>" in block and 'alt="Bar chart of a"' in block


def test_spec_json_is_canonical() -> None:
    assert spec_json({"b": 1, "a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e","b":1}'
