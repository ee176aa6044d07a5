"""Tests of the SIPRI ingest on hand-made copies of its layouts: quirks and bad input.

The real raw files are tested in ``test_ingest_sipri_real.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import sipri
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.ingest.sipri import deals as sd
from analysis.ingest.sipri import parse as sp

SOURCE = sipri.SOURCE
FIELDS = {name: [f["name"] for f in d["schema"]["fields"]] for name, d in SOURCE.descriptors.items()}

# ---------------------------------------------------------------------------
# Hand-made copies of the three layouts
# ---------------------------------------------------------------------------

YEARS = list(range(1950, 2022))
WIDTH = len(YEARS) + 2  # recipient, 72 years, Total
SEPARATOR = "," * WIDTH  # SIPRI's blank lines carry one comma too many


def padded(first: str) -> str:
    """A note line of the supplier tables: one cell and trailing commas."""
    return first + "," * (WIDTH - 1)


def table_text(supplier: str, rows: Mapping[str, Mapping[int, str]]) -> str:
    """Text of a 'TIV of arms exports from <supplier>' table in SIPRI's 2022 layout."""
    lines = [
        padded(f'"TIV of arms exports from {supplier}, 1950-2021"'),
        padded("Figures are SIPRI Trend Indicator Values (TIVs) expressed in millions."),
        padded("Figures may not add up due to the conventions of rounding."),
        padded("A '0' indicates that the value of deliveries is less than 0.5m"),
        padded('"For more information, see http://www.sipri.org/databases/armstransfers/"'),
        SEPARATOR,
        SEPARATOR,
        padded("Source: SIPRI Arms Transfers Database"),
        padded("Generated: 28 July 2022"),
        SEPARATOR,
        "," + ",".join(map(str, YEARS)) + ",Total",
    ]
    totals = dict.fromkeys(YEARS, 0)
    for recipient, values in rows.items():
        cells = [values.get(year, "") for year in YEARS]
        for year, value in values.items():
            if value.strip().isdigit():
                totals[year] += int(value)
        lines.append(",".join([recipient, *cells, "0"]))
    lines.append(SEPARATOR)
    lines.append(",".join(["Total", *(str(totals[y]) if totals[y] else "" for y in YEARS), "0"]))
    return "\n".join(lines) + "\n"


REGISTER_NOTES = [
    "Transfers of major conventional arms from All countries  to All countries . "
    "Deals with deliveries made for the year range '1995' to '2025';",
    "A '?' in a column indicates uncertain data.;",
    "An empty field for 'Number ordered' indicates that data is not yet available.;",
    "SIPRI trend-indicator values (TIVs) are in millions.;",
    "An empty field for 'SIPRI TIV for total order' indicates that data is not available.;",
    "A '0' for 'SIPRI TIV of delivered weapons' indicates less than 0.5 million SIPRI TIV",
    "Figures may not add up to stated totals due to the conventions of rounding.;",
    "For the method see <https://www.sipri.org/databases/armstransfers/sources-and-methods>.",
    ";",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.;",
    "Data generated: 12 Feb 2026 12:26:12 PM;",
]


def delivery_row(
    supplier: str, recipient: str, year: int, tiv: str, deal: int = 1
) -> list[str]:
    """One row of the per-delivery-year register."""
    return [
        str(deal), supplier, recipient, "Mi-17", "transport helicopter", "Aircraft",
        "2000", "No", "2", "No", str(year), "No", "New", "7.25", "7.25", tiv, "No",
    ]


def delivery_text(
    rows: Sequence[Sequence[str]], header: Sequence[str] = sp.DELIVERY_HEADER
) -> str:
    """Text of the per-delivery-year register: CRLF and a ';' ending every line."""
    lines = [*REGISTER_NOTES, ",".join(header) + ";"]
    lines += [",".join(row) + ";" for row in rows]
    return "\r\n".join(lines)


DEAL_NOTES = [
    "Transfers of major conventional arms from All countries  to All countries . "
    "Deals with deliveries made for the year range 'Not specified' to 'Not specified' ",
    *(note.rstrip(";") for note in REGISTER_NOTES[1:8]),
    "",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.",
    "Data generated: 13 Mar 2025 10:02:49 AM",
]
DEAL_HEADER_LINE = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
    "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
    "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
S300 = (
    "Iran,Russia,2015,,4,,S-300PMU2 Favorit,SAM system,4,,2016,New,"
    "$1 b deal; replacing 2007 order,55,220,220"
)
SU35 = (
    "Iran,Russia,2023,?,24,?,Su-35S,FGA aircraft,0,,,New,"
    "Su-35E version,60,1440,0"
)
SHAHED = (
    "Russia,Iran,2022,,6600,?,Shahed-136,one-way attack drone,4600,,2022; 2023; 2024,New,"
    "Russian designation Geran-2; engine rated ±50hp for Türkiye test,0.1,660,460"
)
FATH = "Russia,Iran,2023,,,,Fath-360,surface-to-surface missile,200,,2024,New,,0.12,0,24"
OTHER = "India,France,2016,,36,,Rafale,FGA aircraft,36,,2019; 2020; 2021; 2022,New,,55,1980,1980"
SPLIT_FIRST = "Iran,China,2010,?,12,?,C-704,anti-ship missile,0,,,New,Comment broken by the export"
SPLIT_SECOND = ",0.03,0.36,0"


def deal_text(rows: Sequence[str], header: str = DEAL_HEADER_LINE) -> str:
    """Text of the deal-level register (LF line ends)."""
    return "\n".join([*DEAL_NOTES, header, *rows]) + "\n"


def write(path: Path, text: str, encoding: str = "ascii") -> Path:
    """Write ``text`` to ``path`` (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def table_path(sources: Path, code: str) -> Path:
    return sources / sipri.TIV_TABLES_DIR / f"TIV-Export-{code}-1950-2021.csv"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A small sources folder with every layout and its quirks."""
    root = tmp_path / "sources"
    write(table_path(root, "USR"), table_text(
        "Soviet Union",
        {"Afghanistan": {1980: "352"}, "Iran": {1967: "114", 1990: "339", 1991: "0"}},
    ))
    write(table_path(root, "RUS"), table_text(
        "Russia",
        {"Iran": {1992: "220", 1994: "83", 1995: "289"}, "India": {1993: "1000"}},
    ))
    write(table_path(root, "IRA"), table_text(
        "Iran", {"Syria": {1980: "5"}, "Hezbollah (Lebanon)*": {1990: "0", 1991: "1"}},
    ))
    write(table_path(root, "USA"), table_text(
        "United States", {"Iran": {1975: "2500"}, "Turkey": {1975: "900"}},
    ))
    write(root / sipri.DELIVERY_REGISTER, delivery_text([
        delivery_row("Russia", "Iran", 2016, "220", deal=10),
        delivery_row("Russia", "Iran", 2016, "0.1", deal=11),
        delivery_row("Russia", "Iran", 2016, "0.2", deal=12),
        delivery_row("Russia", "Turkiye", 2019, "500", deal=13),
        delivery_row("Iran", "Russia", 2022, "69", deal=14),
        delivery_row("France", "India", 2020, "800", deal=15),
        delivery_row("Russia", "unknown recipient(s)", 2001, "0", deal=16),
    ]))
    write(
        root / sipri.DEAL_REGISTER,
        deal_text([OTHER, S300, SU35, SHAHED, FATH, SPLIT_FIRST, SPLIT_SECOND]),
        encoding="latin-1",
    )
    return root


# ---------------------------------------------------------------------------
# Parsing the quirks of each layout
# ---------------------------------------------------------------------------


def test_tiv_table_skips_notes_separators_and_totals(sources: Path) -> None:
    table = sp.read_tiv_table(table_path(sources, "USR"))
    assert list(table.columns) == ["supplier", "recipient", "year", "tiv", "line"]
    assert set(table["supplier"]) == {"Soviet Union"}
    assert "Total" not in set(table["recipient"])
    # Header on line 11: Afghanistan is line 12, Iran line 13.
    iran = table[table["recipient"] == "Iran"]
    assert iran["line"].unique().tolist() == [13]
    assert dict(zip(iran["year"], iran["tiv"], strict=True)) == {1967: 114.0, 1990: 339.0, 1991: 0.0}


def test_tiv_table_keeps_zero_and_drops_empty(sources: Path) -> None:
    table = sp.read_tiv_table(table_path(sources, "IRA"))
    hezbollah = table[table["recipient"] == "Hezbollah (Lebanon)*"]
    assert hezbollah.set_index("year")["tiv"].to_dict() == {1990: 0.0, 1991: 1.0}
    assert len(table) == 3  # every other cell is empty: no row


def test_delivery_register_strips_semicolons_and_crlf(sources: Path) -> None:
    register = sp.read_delivery_register(sources / sipri.DELIVERY_REGISTER)
    assert len(register) == 7
    assert register["line"].tolist() == list(range(13, 20))
    assert register["tiv"].tolist()[:3] == [220.0, 0.1, 0.2]
    assert not register["recipient"].str.endswith(";").any()


def test_deal_register_reads_latin1_flags_and_split_rows(sources: Path) -> None:
    deals = sd.read_deal_register(sources / sipri.DEAL_REGISTER)
    assert len(deals) == 6
    shahed = deals[deals["designation"] == "Shahed-136"].iloc[0]
    assert "±50hp" in shahed["comments"] and "Türkiye" in shahed["comments"]
    assert shahed["delivery_years"] == "2022; 2023; 2024"
    assert (shahed["first_delivery_year"], shahed["last_delivery_year"]) == (2022, 2024)
    assert bool(shahed["number_ordered_estimated"]) and not shahed["order_year_estimated"]
    split = deals[deals["designation"] == "C-704"].iloc[0]
    assert split["line"] == 18
    assert split["comments"] == "Comment broken by the export"
    assert (split["tiv_per_unit"], split["tiv_order"]) == (0.03, 0.36)


def test_deal_register_leaves_undelivered_fields_empty(sources: Path) -> None:
    deals = sd.read_deal_register(sources / sipri.DEAL_REGISTER).set_index("designation")
    su35 = deals.loc["Su-35S"]
    assert su35["number_delivered"] == 0
    assert pd.isna(su35["delivery_years"]) and pd.isna(su35["first_delivery_year"])
    assert pd.isna(su35["tiv_delivered"]) and su35["tiv_order"] == 1440
    # No number ordered: SIPRI writes a 0 total, which means unknown here.
    assert pd.isna(deals.loc["Fath-360"]["tiv_order"])
    assert deals.loc["Fath-360"]["tiv_delivered"] == 24


def test_arms_transfers_one_release_per_year(sources: Path) -> None:
    table = sp.arms_transfers(sipri.tiv_table_paths(sources), sources / sipri.DELIVERY_REGISTER)
    assert set(FIELDS["arms_transfers"]) <= set(table.columns)
    assert table["sipri_release"].where(table["year"] <= 1994, 2022).eq(2022).all()
    assert table.loc[table["year"] >= 1995, "sipri_release"].eq(2025).all()
    keyed = table.set_index(["supplier", "recipient", "year"])
    # 1995 comes from the register only: the table's 289 is not used.
    assert ("Russia", "Iran", 1995) not in keyed.index
    assert keyed.loc[("Russia", "Iran", 2016), "tiv"] == 220.3  # summed and rounded
    assert keyed.loc[("Russia", "unknown recipient(s)", 2001), "tiv"] == 0
    assert pd.isna(keyed.loc[("Russia", "unknown recipient(s)", 2001), "recipient_code"])
    # Only the study's flows: India's imports from France are left out.
    assert "France" not in set(table["supplier"])
    assert ("Russia", "India", 1993) in keyed.index
    assert ("United States", "Turkey", 1975) not in keyed.index
    series = table.groupby("supplier")["supplier_series"].first().to_dict()
    assert series["Soviet Union"] == series["Russia"] == "SUN+RUS"
    assert series["United States"] == "USA"


def test_arms_deals_keeps_iran_rows_with_stable_ids(sources: Path) -> None:
    first = sd.arms_deals(sources / sipri.DEAL_REGISTER)
    second = sd.arms_deals(sources / sipri.DEAL_REGISTER)
    pd.testing.assert_frame_equal(first, second)
    assert set(FIELDS["arms_deals"]) <= set(first.columns)
    assert "Rafale" not in set(first["designation"])
    assert len(first) == 5
    assert first["deal_id"].is_unique and first["deal_id"].is_monotonic_increasing
    assert first["deal_id"].str.fullmatch(r"IRN-[0-9a-f]{10}").all()


def test_full_fixture_package_validates(sources: Path, tmp_path: Path) -> None:
    resources = SOURCE.resources(sources)
    descriptor = write_package(resources, SOURCE.origins, tmp_path / "out")
    assert descriptor.is_file()
    text = (tmp_path / "out" / "data" / "arms_deals.csv").read_text(encoding="utf-8")
    assert "Türkiye" in text


# ---------------------------------------------------------------------------
# Bad input: every error names file, line and field
# ---------------------------------------------------------------------------


def replace_line(path: Path, line: int, new: str, encoding: str = "ascii") -> None:
    """Replace one line of a fixture file, keeping its line ends."""
    newline = "\r\n" if b"\r\n" in path.read_bytes() else "\n"
    lines = path.read_bytes().decode(encoding).split(newline)
    lines[line - 1] = new
    path.write_bytes(newline.join(lines).encode(encoding))


def test_missing_column_in_table_header(sources: Path) -> None:
    path = table_path(sources, "USR")
    header = "," + ",".join(str(y) for y in YEARS if y != 1960) + ",Total"
    replace_line(path, 11, header)
    with pytest.raises(IngestError) as caught:
        sp.read_tiv_table(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 11, "1960")
    assert "missing" in str(caught.value)


def test_renamed_column_in_register_header(sources: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    header = ["Exporter" if h == "Supplier" else h for h in sp.DELIVERY_HEADER]
    replace_line(path, 12, ",".join(header) + ";")
    with pytest.raises(IngestError, match="'Supplier' is missing.*'Exporter'") as caught:
        sp.read_delivery_register(path)
    assert (caught.value.line, caught.value.field) == (12, "Supplier")


def test_extra_column_in_register_header(sources: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, 12, ",".join([*sp.DELIVERY_HEADER, "Comments"]) + ";")
    with pytest.raises(IngestError, match="unexpected extra column") as caught:
        sp.read_delivery_register(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (
        str(path), 12, "Comments"
    )


def test_extra_field_in_a_table_row(sources: Path) -> None:
    path = table_path(sources, "USR")
    lines = path.read_text().split("\n")
    replace_line(path, 13, lines[12] + ",5")
    with pytest.raises(IngestError, match=f"expected {WIDTH} fields, found {WIDTH + 1}") as caught:
        sp.read_tiv_table(path)
    assert caught.value.line == 13


def test_non_numeric_tiv_cell(sources: Path) -> None:
    path = table_path(sources, "USR")
    lines = path.read_text().split("\n")
    replace_line(path, 13, lines[12].replace(",339,", ",n/a,"))
    with pytest.raises(IngestError, match="not a whole number: 'n/a'") as caught:
        sp.read_tiv_table(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 13, "1990")


@pytest.mark.parametrize(
    ("line", "year", "tiv", "read", "match", "field"),
    [
        pytest.param(14, 2016, "-0.1", sp.read_delivery_register, "negative value '-0.1'",
                     "TIV delivery values", id="negative_tiv"),
        pytest.param(13, 2025, "3", sp.register_rows, "after 2024", "Delivery year",
                     id="delivery_year_after_the_release"),
    ],
)
def test_bad_register_row(
    sources: Path, line: int, year: int, tiv: str, read: Callable[[Path], object], match: str, field: str
) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, line, ",".join(delivery_row("Russia", "Iran", year, tiv)) + ";")
    with pytest.raises(IngestError, match=match) as caught:
        read(path)
    assert (caught.value.line, caught.value.field) == (line, field)


@pytest.mark.parametrize(
    ("line", "text", "match", "field"),
    [
        pytest.param(12, DEAL_HEADER_LINE.replace("Weapon description,", ""), "missing",
                     "Weapon description", id="missing_column_in_header"),
        pytest.param(14, S300.replace(",55,220,220", ",55,220,lots"), "not a number: 'lots'",
                     "SIPRI TIV of delivered weapons", id="non_numeric"),
        pytest.param(14, S300.replace("2015,,4", "2015,x,4"), "flag", "flag after 'Year of order'",
                     id="bad_flag"),
    ],
)
def test_bad_deal_register_line(sources: Path, line: int, text: str, match: str, field: str) -> None:
    path = sources / sipri.DEAL_REGISTER
    replace_line(path, line, text, "latin-1")
    with pytest.raises(IngestError, match=match) as caught:
        sd.read_deal_register(path)
    assert (caught.value.line, caught.value.field) == (line, field)


def test_missing_trailing_semicolon(sources: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, 15, ",".join(delivery_row("Russia", "Iran", 2016, "1")))
    with pytest.raises(IngestError, match="does not end with ';'") as caught:
        sp.read_delivery_register(path)
    assert caught.value.line == 15


def test_deal_register_saved_as_utf8_is_refused(sources: Path) -> None:
    path = sources / sipri.DEAL_REGISTER
    path.write_bytes(deal_text([OTHER, S300, SHAHED]).encode("utf-8"))
    with pytest.raises(IngestError, match="UTF-8; expected Latin-1") as caught:
        sd.read_deal_register(path)
    assert (caught.value.path, caught.value.line) == (str(path), 15)


def test_deal_register_saved_as_utf16_is_refused(sources: Path) -> None:
    path = sources / sipri.DEAL_REGISTER
    path.write_bytes(deal_text([S300]).encode("utf-16"))
    with pytest.raises(IngestError, match="UTF-16"):
        sd.read_deal_register(path)


def test_non_ascii_byte_in_table(sources: Path) -> None:
    path = table_path(sources, "IRA")
    lines = path.read_text().split("\n")
    replace_line(path, 12, lines[11].replace("Syria", "Syrie\u00e9"), "latin-1")
    with pytest.raises(IngestError, match="not ASCII") as caught:
        sp.read_tiv_table(path)
    assert (caught.value.path, caught.value.line) == (str(path), 12)


def test_unknown_country_name(sources: Path) -> None:
    path = table_path(sources, "USR")
    lines = path.read_text().split("\n")
    replace_line(path, 12, lines[11].replace("Afghanistan", "Persia"))
    with pytest.raises(IngestError, match="unknown SIPRI country name 'Persia'") as caught:
        sp.arms_transfers([path], sources / sipri.DELIVERY_REGISTER)
    assert (caught.value.path, caught.value.line, caught.value.field) == (
        str(path), 12, "recipient"
    )


def test_unknown_supplier_in_title(sources: Path) -> None:
    path = table_path(sources, "USR")
    replace_line(path, 1, padded('"TIV of arms exports from Ruritania, 1950-2021"'))
    with pytest.raises(IngestError, match="Ruritania") as caught:
        sp.arms_transfers([path], sources / sipri.DELIVERY_REGISTER)
    assert caught.value.field == "supplier"


def test_missing_raw_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read") as caught:
        sd.read_deal_register(tmp_path / "nothing.csv")
    assert caught.value.path.endswith("nothing.csv")


def test_changed_checksum_stops_build_and_writes_nothing(sources: Path, tmp_path: Path) -> None:
    # A fixture file at the path of a recorded table: same name, other bytes.
    changed = write(table_path(sources, "ALB"), table_text("Albania", {}))
    out = tmp_path / "package"
    (out / "data").mkdir(parents=True)
    old = out / "datapackage.json"
    old.write_text("{}\n", encoding="utf-8")
    with pytest.raises(IngestError, match="checksum .* differs") as caught:
        write_package(SOURCE.build(sources), SOURCE.origins, out)
    assert caught.value.path == str(changed)
    assert old.read_text(encoding="utf-8") == "{}\n"
    assert list((out / "data").iterdir()) == []


def test_bad_input_leaves_out_dir_untouched(sources: Path, tmp_path: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, 16, ",".join(delivery_row("Russia", "Iran", 2019, "x")) + ";")
    out = tmp_path / "package"
    with pytest.raises(IngestError, match="line 16"):
        write_package(SOURCE.resources(sources), SOURCE.origins, out)
    assert not out.exists()


def test_unrecorded_table_is_refused(sources: Path) -> None:
    extra = table_path(sources, "ZZZ")
    write(extra, table_text("Ruritania", {}))
    with pytest.raises(IngestError, match="not in the origin record") as caught:
        sipri.check_table_set(sources)
    assert caught.value.path == str(extra)
