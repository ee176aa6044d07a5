"""Every book chart as a view of the data package, redrawn from the package folder alone.

A package folder is written in a temporary directory with the derived
resources and views of :func:`analysis.release.views.add_views`; it validates;
then each view is drawn with vl-convert from that folder and must hold the
same rows as the registry chart's main data and draw the same SVG as the
book's chart.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from analysis.figures.meta import main_datasets, main_rows
from analysis.figures.registry import FIGURES
from analysis.package import DataPackage, validation_errors
from analysis.release.views import VIEWS_KEY, resolved_spec, view_rows
from analysis.site.sphinx_downloads import package_members
from analysis.site.sphinx_vega import VEGA_LITE_VERSION, static_spec
from analysis.site.svg_tidy import normalise_svg_ids
from analysis.site.views import csv_text
from analysis.theme import use_house_theme


@pytest.fixture(scope="module")
def views_folder(package: DataPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published package, unpacked: the package's own tables plus every figure's derived
    resources and views (``package_members`` adds them with :func:`add_views`)."""
    folder = tmp_path_factory.mktemp("package-with-views")
    for name, data in package_members().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def book_specs(package: DataPackage) -> dict[str, dict[str, Any]]:
    """Every registry chart's spec as the book draws it (house theme)."""
    use_house_theme()
    return {ident: figure.chart(package).to_dict() for ident, figure in FIGURES.items()}


def _descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _draw(spec: dict[str, Any]) -> str:
    import vl_convert

    return normalise_svg_ids(vl_convert.vegalite_to_svg(static_spec(spec), vl_version=VEGA_LITE_VERSION))


def test_package_with_views_validates(views_folder: Path) -> None:
    assert validation_errors(views_folder / "datapackage.json") == []


def test_every_book_chart_is_a_view(views_folder: Path) -> None:
    views = _descriptor(views_folder)[VIEWS_KEY]
    assert [view["name"] for view in views] == list(FIGURES)
    names = {resource["name"] for resource in _descriptor(views_folder)["resources"]}
    for view in views:
        assert view["specType"] == "vegalite" and view["resources"], view["name"]
        assert set(view["resources"]) <= names, view["name"]
        text = json.dumps(view["spec"])
        for resource in view["resources"]:
            assert f'"name": "{resource}"' in text, (view["name"], resource)


def test_derived_resources_declare_their_bytes_and_hash(views_folder: Path) -> None:
    derived = [r for r in _descriptor(views_folder)["resources"] if r["path"].startswith("data/views/")]
    assert derived
    for resource in derived:
        data = (views_folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data), resource["name"]
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}", resource["name"]
        assert resource["licenses"] and resource["schema"]["fields"], resource["name"]


def test_a_one_dataset_chart_publishes_its_data_download(
    views_folder: Path, book_specs: dict[str, dict[str, Any]]
) -> None:
    descriptor = _descriptor(views_folder)
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    for view in descriptor[VIEWS_KEY]:
        spec = book_specs[view["name"]]
        if len(main_datasets(spec)) == 1:
            (resource,) = view["resources"]
            assert (views_folder / by_name[resource]["path"]).read_text(encoding="utf-8") == csv_text(spec)


def test_each_view_drawn_from_the_folder_is_the_book_chart(
    views_folder: Path, book_specs: dict[str, dict[str, Any]]
) -> None:
    descriptor = _descriptor(views_folder)
    for view in descriptor[VIEWS_KEY]:
        book = book_specs[view["name"]]
        book_fields, book_rows = main_rows(book)
        fields, rows = view_rows(view, descriptor, views_folder)
        assert sorted(fields) == sorted(book_fields), view["name"]
        assert rows == book_rows, view["name"]
        assert _draw(resolved_spec(view, descriptor, views_folder)) == _draw(book), view["name"]
