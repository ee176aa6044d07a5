"""Write one figure's SVG without building the book.

Usage::

    python -m analysis.figures fig-arms-flow [--out DIR] [--width PX]
    python -m analysis.figures --list

The chart is drawn on the house theme and exported offline with vl-convert,
exactly as the book's static fallback is (:mod:`analysis.site.sphinx_vega`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def write_svg(ident: str, out: Path, width: int = 720) -> Path:
    """Build figure ``ident`` from the package and write ``<out>/<ident>.svg``; return its path."""
    import vl_convert

    from analysis import load_package
    from analysis.figures.registry import figure
    from analysis.site.sphinx_vega import VEGA_LITE_VERSION, static_spec
    from analysis.theme import use_house_theme

    entry = figure(ident)
    use_house_theme()
    spec = static_spec(entry.chart(load_package()).to_dict(), width)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{ident}.svg"
    path.write_text(vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from analysis.figures.registry import FIGURES

    parser = argparse.ArgumentParser(prog="python -m analysis.figures", description=__doc__.splitlines()[0])
    parser.add_argument("id", nargs="?", help="figure id, as in the chapter (see --list)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the SVG (default: here)")
    parser.add_argument("--width", type=int, default=720, help="width in pixels (default: 720)")
    parser.add_argument("--list", action="store_true", help="print the ids and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(FIGURES))
        return 0
    if args.id is None:
        parser.error("give a figure id, or --list")
    if args.id not in FIGURES:
        parser.error(f"unknown figure {args.id!r}; --list prints the ids")
    print(write_svg(args.id, args.out, args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
