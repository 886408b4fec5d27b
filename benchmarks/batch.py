"""Benchmark: show, compare and check over 10,000 generated spec files in one process, against
PyYAML's C loader merely parsing the same files.

    python benchmarks/batch.py [--files 10000]

Generates N cell specs and N claims files in a temporary folder (varied values, units and forms),
then times, in one process:
  baseline  yaml.load(text, Loader=yaml.CSafeLoader) of every cell file (or every claims file)
  show      load + validate + derive + the rows `batcalc show` prints (table format), for every cell file
  compare   the rows `batcalc compare` prints for consecutive pairs (each file loaded fresh)
  check     load + validate + evaluate every claims file (each a ratio or growth claim)
and prints each time (the fastest of --repeat interleaved runs, each reading every file again) and
its ratio to the baseline of the same files (goal <= 2).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml

UNITS = [("Wh/kg", 1.0), ("kWh/kg", 1e-3), ("J/g", 3.6)]


def cell_text(i: int, rng: random.Random) -> str:
    rho = rng.uniform(120, 500)
    unit, f = rng.choice(UNITS)
    v, ah, g = rng.uniform(3.0, 3.9), rng.uniform(2, 200), rng.uniform(40, 3000)
    return f"""kind: cell
id: gen-{i}
name: Generated cell {i}
maker: Bench
format: {rng.choice(['cylindrical', 'prismatic', 'pouch'])}
status: sample
electrical:
  nominal_voltage: {v:.3f} V
  capacity: {{value: {ah:.2f} Ah, source: s1}}
physical:
  mass: {g:.1f} g
  dimensions: {{diameter: {rng.uniform(18, 46):.1f} mm, height: {rng.uniform(65, 120):.1f} mm}}
energy_density:
  gravimetric: {rho * f:.6g} {unit}
charging:
  max_c_rate: {rng.uniform(0.5, 6):.2f} C
  claims:
    - {{to_soc: 80 %, time: {rng.randint(8, 40)} min}}
cycle_life: {{cycles: {rng.randint(300, 5000)}, retention: 80 %}}
sources:
  - {{id: s1, title: Bench sheet {i}, document: bench.pdf, grade: datasheet, date: 2024-01-01}}
  - {{id: s2, title: Bench press {i}, url: "https://example.org/{i}", grade: press}}
"""


def claims_text(i: int, rng: random.Random) -> str:
    a, b = rng.uniform(100, 300), rng.uniform(300, 600)
    return f"""kind: claims
claims:
  - id: ratio-{i}
    quote: "{(b / a - 1) * 100:.0f} % more energy per kilogram"
    kind: ratio
    inputs: {{a: {a:.1f} Wh/kg, b: {b:.1f} Wh/kg}}
    asserted: {(b / a - 1) * 100:.1f} %
  - id: growth-{i}
    quote: "grows {rng.randint(5, 90)} % a year"
    kind: growth
    inputs: {{start: {a:.2f} billion yuan, end: {b:.2f} billion yuan, start_year: 2024, end_year: 2030}}
    asserted: {((b / a) ** (1 / 6) - 1) * 100:.1f} %
"""


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = ap.parse_args()
    from batcalc.claims.check import check_file
    from batcalc.report.compare import compare_rows, show_rows
    from batcalc.spec import catalog

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cells, claims = [], []
        for i in range(args.files):
            p = folder / f"cell-{i}.yaml"
            p.write_text(cell_text(i, rng))
            cells.append(str(p))
            q = folder / f"claims-{i}.yaml"
            q.write_text(claims_text(i, rng))
            claims.append(str(q))
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        catalog.load_cell(cells[0])                      # import and registry set-up outside the timing

        def parse(paths):
            for p in paths:
                with open(p, encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=loader)

        def show():
            for p in cells:
                show_rows(catalog.load_cell(p), "metric", with_data=False)    # as `batcalc show` (table)

        def compare():
            catalog._load_cached.cache_clear()
            for a, b in zip(cells[::2], cells[1::2], strict=False):
                ca, cb = catalog.load_cell(a), catalog.load_cell(b)
                compare_rows([ca, cb], ca, "metric", with_data=False)       # as `batcalc compare` (table)

        def check():
            for p in claims:
                check_file(p)

        runs = {"base_cells": (lambda: parse(cells)), "show": show, "compare": compare,
                "base_claims": (lambda: parse(claims)), "check": check}
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(args.repeat):                     # interleaved, so that load changes hit all alike
            for name, fn in runs.items():
                catalog._load_cached.cache_clear()      # every run reads every file again
                times[name].append(timed(fn))
        base_cells, t_show, t_compare, base_claims, t_check = (
            min(times[k]) for k in ("base_cells", "show", "compare", "base_claims", "check"))
        print(f"{args.files} cell files: PyYAML CSafeLoader parse {base_cells:.2f} s")
        print(f"  show     {t_show:.2f} s  ratio {t_show / base_cells:.2f} (goal <= 2)")
        print(f"  compare  {t_compare:.2f} s  ratio {t_compare / base_cells:.2f} (goal <= 2)")
        print(f"{args.files} claims files: PyYAML CSafeLoader parse {base_claims:.2f} s")
        print(f"  check    {t_check:.2f} s  ratio {t_check / base_claims:.2f} (goal <= 2)")


if __name__ == "__main__":
    main()
