"""Time the main transfers and deals functions on the real package and on larger copies.

Run ``python scripts/bench_analysis.py``. Synthetic tables are the real ones
replicated 10 and 100 times, each copy with its supplier and recipient codes
and names suffixed (``RUS~3``…) so the keys stay unique; the joined
Soviet/Russian series and Iran keep their codes in copy 0 only. Prints the
median time per call (ms) and the growth ratios 10×/1× and 100×/1×.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pandas as pd

from analysis import deals as D
from analysis import ranks as R
from analysis import transfers as T
from analysis.package import load_package


def replicate(table: pd.DataFrame, factor: int, columns: list[str]) -> pd.DataFrame:
    """Return ``factor`` copies of ``table``, every copy after the first with renamed keys."""
    copies = [table]
    for index in range(1, factor):
        copy = table.copy()
        for column in columns:
            copy[column] = copy[column].astype("string") + f"~{index}"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def median_ms(call: Callable[[], object], runs: int = 7) -> float:
    """Median wall time of ``call`` in milliseconds over ``runs`` runs (after one warm-up)."""
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def calls(transfers: pd.DataFrame, deals: pd.DataFrame) -> dict[str, Callable[[], object]]:
    """The benchmarked calls, by name."""
    return {
        "customer_table": lambda: R.customer_table(transfers, "SUN+RUS", 1992, 2000),
        "customer_rank": lambda: R.customer_rank(transfers, "SUN+RUS", "IRN", 2000, 2000),
        "supplier_shares": lambda: R.supplier_shares(
            transfers, "IRN", [(1980, 1989), (1990, 1999), (2000, 2009), (2010, 2019)]),
        "net_flow": lambda: T.net_flow(transfers, "SUN+RUS", "IRN", 1979, 2024),
        "top_partners": lambda: R.top_partners(transfers, "IRN", "recipient", 1980, 2024),
        "customer_years": lambda: R.customer_years(transfers, "SUN+RUS", 1990, 2024, always=["IRN"]),
        "deals_between": lambda: D.deals_between(deals, "SUN+RUS", "IRN"),
        "ordered_vs_delivered": lambda: D.ordered_vs_delivered(deals, "IRN", "RUS"),
        "deal_history": lambda: D.deal_history(deals, "SUN+RUS", "IRN", "S-300"),
        "delivery_lags": lambda: D.delivery_lags(deals),
    }


def main() -> None:
    """Print the benchmark table."""
    package = load_package()
    transfers, deals = package["arms_transfers"], package["arms_deals"]
    keys_t = ["supplier", "supplier_code", "recipient", "recipient_code"]
    keys_d = ["deal_id", "supplier", "supplier_code", "recipient", "recipient_code"]
    results: dict[int, dict[str, float]] = {}
    sizes: dict[int, tuple[int, int]] = {}
    for factor in (1, 10, 100):
        big_t = replicate(transfers, factor, keys_t)
        big_d = replicate(deals, factor, keys_d)
        sizes[factor] = (len(big_t), len(big_d))
        results[factor] = {name: median_ms(call) for name, call in calls(big_t, big_d).items()}
    print("rows: " + "; ".join(f"{f}x: {t:,} transfers, {d:,} deals" for f, (t, d) in sizes.items()))
    header = f"{'function':<22}{'1x ms':>9}{'10x ms':>9}{'100x ms':>10}{'10x/1x':>8}{'100x/1x':>9}"
    print(header)
    print("-" * len(header))
    for name in results[1]:
        one, ten, hundred = results[1][name], results[10][name], results[100][name]
        print(f"{name:<22}{one:>9.2f}{ten:>9.2f}{hundred:>10.2f}{ten / one:>8.1f}{hundred / one:>9.1f}")
    slow = [name for name, ms in results[1].items() if ms >= 50]
    print("all calls on the real package under 50 ms" if not slow else f"over 50 ms: {slow}")


if __name__ == "__main__":
    main()
