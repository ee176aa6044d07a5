"""Tests of the SIPRI ingest: layout quirks, bad input and the real files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import sipri
from analysis.ingest.base import check_origin, format_table
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.ingest.sipri import deals as sd
from analysis.ingest.sipri import parse as sp

SOURCE = sipri.SOURCE
FIELDS = {name: [f["name"] for f in d["schema"]["fields"]] for name, d in SOURCE.descriptors.items()}
from analysis.paths import default_sources_dir

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


def test_missing_column_in_deal_header(sources: Path) -> None:
    path = sources / sipri.DEAL_REGISTER
    replace_line(path, 12, DEAL_HEADER_LINE.replace("Weapon description,", ""), "latin-1")
    with pytest.raises(IngestError, match="missing") as caught:
        sd.read_deal_register(path)
    assert (caught.value.line, caught.value.field) == (12, "Weapon description")


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


def test_negative_tiv_in_register(sources: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, 14, ",".join(delivery_row("Russia", "Iran", 2016, "-0.1")) + ";")
    with pytest.raises(IngestError, match="negative value '-0.1'") as caught:
        sp.read_delivery_register(path)
    assert (caught.value.line, caught.value.field) == (14, "TIV delivery values")


def test_non_numeric_and_bad_flag_in_deal_register(sources: Path) -> None:
    path = sources / sipri.DEAL_REGISTER
    replace_line(path, 14, S300.replace(",55,220,220", ",55,220,lots"), "latin-1")
    with pytest.raises(IngestError, match="not a number: 'lots'") as caught:
        sd.read_deal_register(path)
    assert (caught.value.line, caught.value.field) == (14, "SIPRI TIV of delivered weapons")
    replace_line(path, 14, S300.replace("2015,,4", "2015,x,4"), "latin-1")
    with pytest.raises(IngestError, match="flag") as caught:
        sd.read_deal_register(path)
    assert (caught.value.line, caught.value.field) == (14, "flag after 'Year of order'")


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


def test_delivery_year_after_the_release(sources: Path) -> None:
    path = sources / sipri.DELIVERY_REGISTER
    replace_line(path, 13, ",".join(delivery_row("Russia", "Iran", 2025, "3")) + ";")
    with pytest.raises(IngestError, match="after 2024") as caught:
        sp.register_rows(path)
    assert (caught.value.line, caught.value.field) == (13, "Delivery year")


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


# ---------------------------------------------------------------------------
# The real raw files
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_sources() -> Path:
    sources = default_sources_dir()
    if not (sources / "sipri").is_dir():
        pytest.skip(f"raw SIPRI files not found under {sources}")
    return sources


@pytest.fixture(scope="module")
def real_resources(real_sources: Path) -> dict[str, pd.DataFrame]:
    return {r.name: r.table for r in SOURCE.build(real_sources)}


@pytest.mark.sources
def test_real_build_is_deterministic(
    real_sources: Path, real_resources: dict[str, pd.DataFrame]
) -> None:
    again = {r.name: r.table for r in SOURCE.build(real_sources)}
    assert set(again) == {"arms_transfers", "arms_deals"}
    for name, table in real_resources.items():
        pd.testing.assert_frame_equal(table, again[name])
        assert format_table(table) == format_table(again[name])


@pytest.mark.sources
def test_real_transfers_headline_values(real_resources: dict[str, pd.DataFrame]) -> None:
    table = real_resources["arms_transfers"]
    assert table["year"].min() == 1950 and table["year"].max() == 2024
    assert not table.duplicated(["supplier", "recipient", "year"]).any()
    to_iran = table[(table["supplier_series"] == "SUN+RUS") & (table["recipient_code"] == "IRN")]
    nineties = to_iran[to_iran["year"].between(1990, 1999)]
    assert len(nineties) == 10 and nineties["tiv"].sum() > 1500
    assert to_iran.loc[to_iran["year"] == 2016, "tiv"].item() > 400  # S-300 deliveries
    from_iran = table[(table["supplier_code"] == "IRN") & (table["recipient_code"] == "RUS")]
    assert from_iran["year"].min() >= 2022 and from_iran["tiv"].sum() > 400
    soviet = table[table["supplier"] == "Soviet Union"]
    assert soviet["year"].max() == 1991
    assert table.loc[table["supplier"] == "Russia", "year"].min() == 1992


def yearly(rows: pd.DataFrame, years: range) -> pd.Series:
    return rows.groupby("year")["tiv"].sum().reindex(years, fill_value=0).astype(float)


@pytest.fixture(scope="module")
def overlap(real_sources: Path) -> dict[str, pd.DataFrame]:
    """Both releases' yearly totals 1995–2021 of Russia's exports and Iran's imports."""
    tables = pd.concat(
        [sp.add_codes(sp.read_tiv_table(p), p) for p in sipri.tiv_table_paths(real_sources)]
    )
    register_path = real_sources / sipri.DELIVERY_REGISTER
    register = sp.add_codes(sp.read_delivery_register(register_path), register_path)
    years = range(1995, 2022)
    out = {}
    for name, column, code in (("russia_exports", "supplier_code", "RUS"),
                               ("iran_imports", "recipient_code", "IRN")):
        out[name] = pd.DataFrame({
            "release_2022": yearly(tables[tables[column] == code], years),
            "release_2025": yearly(register[register[column] == code], years),
        })
    return out


@pytest.mark.sources
def test_releases_agree_on_russian_exports(overlap: dict[str, pd.DataFrame]) -> None:
    """Russia -> all, 1995–2021: within 15% each year, within 2% over the period.

    Measured: 145,480 (2022 release) against 144,828 (2025), -0.4%; the largest
    yearly gap is 2021 (2,743 against 2,402, -12%), the last year of the older release.
    """
    both = overlap["russia_exports"]
    gap = (both["release_2025"] - both["release_2022"]).abs()
    assert (gap <= 0.15 * both.max(axis=1)).all(), both[gap > 0.15 * both.max(axis=1)]
    assert abs(both["release_2025"].sum() / both["release_2022"].sum() - 1) < 0.02


@pytest.mark.sources
def test_releases_agree_on_iranian_imports(overlap: dict[str, pd.DataFrame]) -> None:
    """All -> Iran, 1995–2021: within 10 TIV or 10% each year.

    Measured: 5,202 against 5,167 over the period; the largest yearly gap is 7.75
    (2010).
    """
    both = overlap["iran_imports"]
    gap = (both["release_2025"] - both["release_2022"]).abs()
    allowed = (0.10 * both.max(axis=1)).clip(lower=10)
    assert (gap <= allowed).all(), both[gap > allowed]


@pytest.mark.sources
def test_iran_imports_match_sipri_totals(
    real_sources: Path, real_resources: dict[str, pd.DataFrame]
) -> None:
    """Our yearly imports of Iran against SIPRI's own totals (March 2024 release).

    Within 100 TIV or 10% each year 1950–2023, within 2% over the whole period.
    Measured: 46,496 against 46,892 (-0.8%); largest yearly gap 194 in 1976
    (4,460 against 4,654); from 1995 the gaps stay under 9.
    """
    check_origin(sipri.IMPORT_TOTALS_ORIGIN, real_sources)
    totals = sp.read_import_totals(real_sources / sipri.IMPORT_TOTALS, "Iran").astype(float)
    table = real_resources["arms_transfers"]
    years = range(1950, 2024)
    ours = yearly(table[table["recipient_code"] == "IRN"], years)
    theirs = totals.reindex(years, fill_value=0)
    gap = (ours - theirs).abs()
    allowed = (0.10 * pd.concat([ours, theirs], axis=1).max(axis=1)).clip(lower=100)
    assert (gap <= allowed).all(), gap[gap > allowed]
    assert abs(ours.sum() / theirs.sum() - 1) < 0.02
    assert gap.loc[1995:].max() < 10


@pytest.mark.sources
def test_real_deals_of_russia_and_iran(real_resources: dict[str, pd.DataFrame]) -> None:
    deals = real_resources["arms_deals"]
    assert deals["deal_id"].is_unique
    assert ((deals["supplier_code"] == "IRN") | (deals["recipient_code"] == "IRN")).all()
    russia_to_iran = deals[(deals["supplier"] == "Russia") & (deals["recipient"] == "Iran")]
    by_name = russia_to_iran.set_index("designation")
    s300 = by_name.loc["S-300PMU2 Favorit"]
    assert (s300["order_year"], s300["delivery_years"]) == (2015, "2016")
    assert "2007 order" in s300["comments"]
    su35 = by_name.loc["Su-35S"]
    assert su35["number_delivered"] == 0 and pd.isna(su35["delivery_years"])
    assert pd.isna(su35["tiv_delivered"]) and su35["number_ordered"] == 24
    assert by_name.loc["Yak-130", "order_year"] == 2022
    iran_to_russia = deals[(deals["supplier"] == "Iran") & (deals["recipient"] == "Russia")]
    shahed = iran_to_russia.set_index("designation").loc["Shahed-136"]
    assert "Geran-2" in shahed["comments"] and shahed["last_delivery_year"] == 2024
    assert {"Shahed-131", "Shahed-238", "Mohajer-6", "Fath-360"} <= set(iran_to_russia["designation"])
    assert (deals["supplier"] == "Soviet Union").sum() > 0
