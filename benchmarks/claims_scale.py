"""Benchmark: `batcalc check` on one claims file of N claims (default 10,000), a mix with range claims.

    python benchmarks/claims_scale.py [--claims 10000] [--repeat 3]

Writes one claims file of N claims, a fixed mix of kinds (about 1 in 5 a range claim on a named
vehicle and cycle, which runs a drive-cycle simulation; then ratio, difference, product, growth,
expression, consumption, same-weight and charge claims with varied figures), and times, in one
process:

  baseline  yaml.load(text, Loader=yaml.CSafeLoader) of the same file, read from disk each run:
            PyYAML's C loader merely parsing it (no positions, no checks, no validation, no arithmetic)
  check     batcalc.claims.check.check_file: read with limits and positions, validate every claim,
            evaluate every claim (cells, vehicles and consumptions cached per check)

and prints each time per claim (the fastest of --repeat runs, and check's first, cold run) and the
ratio check / baseline. The goal
(issue 13): at most 1 ms a claim on average, and linear in N (compare --claims 1000 and 10000).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VEHICLES = ["mid-sedan", "compact-car", "large-suv"]
CYCLES = ["wltp", "udds", "hwfet"]
CELLS = ["tesla-4680", "byd-blade-lfp", "amprius-si-nanowire-450", "gac-aion-ssb-350"]


def claim_text(i: int, rng: random.Random) -> str:
    """One claim in YAML (a list item), its kind chosen by ``i`` so every file has the same mix."""
    k = i % 10
    head = f"  - id: c{i}\n    quote: \"generated claim {i}\"\n"
    if k in (0, 1):
        return head + (f"    kind: range\n    inputs: {{pack_energy: {rng.randint(40, 120)} kWh, "
                       f"vehicle: {rng.choice(VEHICLES)}, cycle: {rng.choice(CYCLES)}}}\n"
                       f"    asserted: {rng.randint(250, 700)} km\n    qualifier: at-least\n")
    if k == 2:
        return head + (f"    kind: ratio\n    inputs: {{a: {rng.randint(200, 400)} Wh/kg, b: {rng.randint(250, 500)} "
                       f"Wh/kg}}\n    asserted: \"+{rng.randint(5, 60)} %\"\n")
    if k == 3:
        return head + (f"    kind: difference\n    inputs: {{a: \"?\", b: {rng.randint(600, 900)} Wh/L}}\n"
                       f"    asserted: {rng.randint(50, 200)} Wh/L\n")
    if k == 4:
        return head + (f"    kind: product\n    inputs: {{factors: [{rng.randint(2, 40)}, "
                       f"{rng.randint(2, 500)} USD]}}\n"
                       f"    asserted: {rng.randint(100, 9000)} USD\n")
    if k == 5:
        return head + (f"    kind: growth\n    inputs: {{start: {rng.uniform(1, 5):.2f} billion yuan, end: "
                       f"{rng.uniform(20, 120):.2f} billion yuan, start_year: 2024, end_year: 2030}}\n"
                       f"    asserted: {rng.randint(40, 120)} %\n")
    if k == 6:
        return head + (f"    kind: expression\n    inputs: {{expr: \"{rng.randint(40, 120)} kWh / "
                       f"({rng.randint(150, 450)} Wh/kg)\"}}\n    asserted: {rng.randint(100, 800)} kg\n"
                       f"    qualifier: at-most\n")
    if k == 7:
        return head + (f"    kind: expression\n    inputs: {{expr: \"{rng.choice(VEHICLES)}.consumption@"
                       f"{rng.choice(CYCLES)} * {rng.randint(100, 400)} mi\"}}\n"
                       f"    asserted: {rng.randint(20, 90)} kWh\n")
    if k == 8:
        return head + (f"    kind: same-weight\n    inputs: {{a: {rng.choice(CELLS)}, b: {rng.choice(CELLS)}}}\n"
                       f"    asserted: {rng.uniform(0.8, 2):.2f}\n")
    return head + (f"    kind: consumption\n    inputs: {{pack_energy: {rng.randint(40, 120)} kWh, range: "
                   f"{rng.randint(250, 700)} km}}\n    asserted: {rng.randint(120, 220)} Wh/km\n")


def write_file(folder: Path, n: int, seed: int = 13) -> Path:
    rng = random.Random(seed)
    path = folder / f"claims-{n}.yaml"
    path.write_text("kind: claims\ntitle: generated\nclaims:\n" + "".join(claim_text(i, rng) for i in range(n)),
                    encoding="utf-8")
    return path


def best(fn, repeat: int) -> tuple[float, float]:
    """(first run, fastest run) of ``repeat`` calls of ``fn``, s: the first is cold (caches that
    last the process, such as consumption models and parsed units, are filled during it)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times[0], min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from batcalc.claims.check import check_file

    with tempfile.TemporaryDirectory() as tmp:
        path = write_file(Path(tmp), args.claims)
        text = path.read_text(encoding="utf-8")
        base = best(lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), args.repeat)[1]
        verdicts: list = []
        cold, check = best(lambda: verdicts.__setitem__(slice(None), check_file(str(path))[1]), args.repeat)
    n = len(verdicts)
    counts = {s: sum(v.status == s for v in verdicts) for s in ("holds", "fails", "underdetermined")}
    print(f"{n} claims ({path.stat().st_size if path.exists() else len(text)} bytes; {counts})")
    print(f"baseline  yaml.load (CSafeLoader)  {base / n * 1e3:8.4f} ms a claim  {base:7.3f} s")
    print(f"check     check_file               {check / n * 1e3:8.4f} ms a claim  {check:7.3f} s  "
          f"(x{check / base:.1f} the baseline; goal <= 1 ms a claim)")
    print(f"check     first (cold) run         {cold / n * 1e3:8.4f} ms a claim  {cold:7.3f} s")


if __name__ == "__main__":
    main()
