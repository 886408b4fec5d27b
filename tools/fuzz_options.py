"""Fuzz the CLI's options and claim inputs in-process: grids of good and hostile values.

    python tools/fuzz_options.py --seed 1 --count 5000 [--slow 5.0] [--show 20]

Each case builds one command line for a main command (range, consumption, tradeoff, charge, sweep,
normalise, check, claim KIND key=value ..., convert, compare, show) from a grid of good values (ids
of the catalogue, values from the docs) and hostile ones (wrong dimensions, bare numbers, pint-only
units, NaN, huge numbers, control characters, empty strings, options given twice, unknown keys), and
runs it through the console-script entry point in-process, as tools/fuzz.py does. It also feeds
assumption overrides (docs/assumptions.md, ``with_override``/``parse_assignment``) to the library.
A case fails when the exit code is not 0, 1 or 2, a traceback is printed, or an error (exit 2) is not
exactly one line on stderr. Deterministic for a seed; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_values import cli_problem  # noqa: E402

HOSTILE = ["", " ", "nan kg", "inf kWh", "1e999 kg", "-5 kg", "0 kg", "0", "1e18 kg", "1000000000000000000000 kg",
           "480", "480 kgr", "480 Kg", "480 kg kg", "3 C", "2 amps", "80 cycles", "20 °C", "20 degF", "1:20",
           "1_000 kg", "３５０ kg", "480 kg\n", "480\u202ekg", "\x1b[31m480 kg", "x" * 300, "(((((kg)))))",
           "1 kg^5", "0.5", "-0.5", "120 %", "-10 %", "1.5", "abc", "?", "-", "--", "--help", "%", "%s", "{}",
           "../../etc/passwd", "/dev/zero", "/tmp", "mid-sedan", "gac-aion-ssb-300", "wltp", "1e-19 kg",
           "350 Wh/kg", "75 kWh", "12 min", "100 km/h", "18 kWh/100mi", "120 MPGe", "2 1/h", "350 Wh / kg"]
GOOD = {
    "mass": ["480 kg", "300 kg", "1 t", "1000 lb", "0.48 t", "200 kg"],
    "energy": ["75 kWh", "100 kWh", "50000 Wh", "0.1 MWh", "270 MJ"],
    "fraction": ["70 %", "0.7", "93 %", "90 %", "0.5", "100 %", "1 %"],
    "temperature": ["-7 °C", "25 degC", "45 °F", "268 K", "20 °C", "-40 °C", "-300 °C", "1000 °C", "0 K"],
    "length": ["1500 m", "0 m", "-100 m", "5 km", "10000 ft"],
    "range": ["500 km", "300 mi", "1000 km", "100 km"],
    "time": ["12 min", "15 min", "1 h", "30 s", "0 min", "1 day"],
    "power": ["350 kW", "50 kW", "1 MW", "400 kW", "7 kW"],
    "voltage": ["800 V", "400 V", "3.6 V"],
    "c_rate": ["4 C", "2 C", "0.5 C", "10 C", "0 C"],
    "cycle": ["wltp", "udds", "hwfet", "us06", "nedc", "cltc", "city", "highway", "100 km/h", "0 km/h", "500 km/h",
              "-10 km/h", "wltc", "nosuchcycle"],
    "vehicle": ["mid-sedan", "compact-car", "large-suv", "light-truck", "medium-truck", "heavy-truck", "nosuch"],
    "cell": ["gac-aion-ssb-300", "gac-aion-ssb-350", "tesla-4680", "samsung-inr21700-50e", "byd-blade-lfp",
             "huineng-llcb", "quantumscape-qse-5", "nosuch-cell", "mid-sedan"],
    "climate": ["heat-pump", "resistance", "none", "HEAT-PUMP", "heatpump"],
    "rating": ["wltp", "epa", "cltc", "nedc", "udds", "nosuch"],
    "hold": ["mass", "energy", "range", "volume", "nosuch"],
    "grid_d": ["250:400:50", "300,350,400", "300:400:10 Wh/kg", "400:300:50", "1:1000000:1", "300:400:0", "300"],
    "grid_m": ["300:700:100 kg", "400 kg,500 kg", "300:700:0 kg", "700:300:100 kg", "1:100000:1 kg"],
    "grid_r": ["400:1000:200 km", "300 mi,400 mi", "400:1000:0 km"],
    "charger": ["ccs2", "tesla-v3", "mcs", "ac-1ph-7kw", "nosuch"],
    "taper": ["typical-dc", "typical-dc-lfp", "typical-dc-silicon", "typical-dc-solid-state", "nosuch"],
    "format": ["table", "json", "csv", "markdown", "grid", "html", "latex", "nosuch"],
    "units": ["metric", "imperial", "nosuch"],
    "qualifier": ["about", "at-least", "at-most", "over", "under", "up-to", "between", "nosuch"],
    # issue 15: --assume ID=RANGE and values written as ranges (with --bands)
    "assume": ["cell-to-pack-mass=0.75 to 0.85", "usable-fraction=90 % to 95 %", "aux-power=100 W to 2 kW",
               "ambient-temperature=-20 °C to 40 °C", "altitude=0 m to 3000 m", "pack-voltage=300 V to 900 V",
               "charger-efficiency=0.85", "cell-to-pack-mass=0.9 to 0.8", "cell-to-pack=0.8", "aux-power=0.8",
               "altitude=0 m to 20000 m", "usable-fraction=0 % to 90 %", "motor-peak-efficiency=0.5 to 1",
               "regen-efficiency=0 to 1", "cell-to-pack-mass", "=0.8", "cell-to-pack-mass=0.7-0.8",
               "rotating-mass-factor=0 to 0.2", "transmission-efficiency=0.9 to 1"],
    "mass_range": ["400 to 500 kg", "300 to 350 to 600 kg", "500 to 400 kg", "0 to 500 kg", "1 to 1e18 kg",
                   "400 to 500 kWh", "400 to", "to 500 kg", "400 to 500 to 600 to 700 kg", "1 t to 2000 lb"],
    "energy_range": ["60 to 90 kWh", "60 kWh to 90 kWh", "90 to 60 kWh", "0 to 90 kWh", "60 to 90 km"],
}


def bands_opts(rng: random.Random, args: list[str], ranged: tuple[tuple[str, str], ...] = ()) -> None:
    """--bands, --assume (repeated), and options written as ranges (issue 15)."""
    if rng.random() < 0.35:
        args.append("--bands")
    for _ in range(rng.choice((0, 0, 1, 2))):
        args += ["--assume", pick(rng, "assume")]
    for name, kind in ranged:
        if rng.random() < 0.2:
            args += [name, rng.choice(GOOD[kind])]


def pick(rng: random.Random, kind: str) -> str:
    """A good value of ``kind`` mostly, a hostile one sometimes."""
    if rng.random() < 0.1:
        return rng.choice(HOSTILE)
    return rng.choice(GOOD[kind])


def opt(rng: random.Random, args: list[str], name: str, kind: str, p: float = 0.5) -> None:
    if rng.random() < p:
        value = pick(rng, kind)
        args += [f"{name}={value}"] if rng.random() < 0.5 else [name, value]
        if rng.random() < 0.03:                       # given twice (issue 16)
            args += [name, pick(rng, kind)]


def common(rng: random.Random, args: list[str]) -> None:
    opt(rng, args, "--format", "format", 0.2)
    opt(rng, args, "--units", "units", 0.2)


def vehicle_opts(rng: random.Random, args: list[str]) -> None:
    opt(rng, args, "--vehicle", "vehicle", 0.6)
    opt(rng, args, "--cycle", "cycle", 0.4)
    opt(rng, args, "--extra-mass", "mass", 0.2)
    opt(rng, args, "--ambient", "temperature", 0.25)
    opt(rng, args, "--altitude", "length", 0.15)
    opt(rng, args, "--climate", "climate", 0.15)


#: claim kind -> (input key, value kind or a list of values) of docs/claims.md
CLAIM_INPUTS: dict[str, list[tuple[str, object]]] = {
    "same-weight": [("a", "cell"), ("b", "cell"), ("a_density", ["300 Wh/kg", "0 Wh/kg", "300 Wh/L"]),
                    ("b_density", ["350 Wh/kg", "-1 Wh/kg"]), ("reading", ["energy", "range", "battery-life", "x"])],
    "same-energy": [("a", "cell"), ("b", "cell"), ("a_density", ["300 Wh/kg"]), ("b_density", ["350 Wh/kg"])],
    "same-volume": [("a", "cell"), ("b", "cell"), ("a_density", ["600 Wh/L", "600 Wh/kg"]),
                    ("b_density", ["950 Wh/L"]), ("reading", ["energy", "range"])],
    "same-energy-volume": [("a_density", ["600 Wh/L"]), ("b_density", ["950 Wh/L", "0 Wh/L"])],
    "lifetime": [("cycles", ["1000", "10", "1.000", "0", "-5", "1e6"]), ("retention", "fraction"), ("cell", "cell"),
                 ("range", "range"), ("pack_energy", "energy"), ("usable_fraction", "fraction"),
                 ("consumption", ["150 Wh/km", "18 kWh/100mi", "0 Wh/km", "120 MPGe"]), ("vehicle", "vehicle"),
                 ("cycle", "cycle")],
    "same-range": [("a", "cell"), ("b", "cell"), ("vehicle", "vehicle"), ("cycle", "cycle"), ("range", "range"),
                   ("pack_mass", "mass")],
    "range": [("pack_energy", "energy"), ("cell", "cell"), ("pack_mass", "mass"),
              ("consumption", ["150 Wh/km", "18 kWh/100mi", "0 Wh/km"]), ("vehicle", "vehicle"), ("cycle", "cycle"),
              ("usable_fraction", "fraction"), ("test_cycle", ["CLTC", "NEDC", "WLTP", "EPA", "unknown", "x"])],
    "consumption": [("pack_energy", "energy"), ("range", "range"), ("usable_fraction", "fraction")],
    "charge": [("to_soc", "fraction"), ("from_soc", "fraction"), ("time", "time"), ("cell", "cell"),
               ("pack_energy", "energy"), ("vehicle", "vehicle"), ("range", "range"), ("cycle", "cycle"),
               ("charger_efficiency", "fraction"), ("power_kind", ["peak", "average", "x"])],
    "range-added": [("time", "time"), ("power", "power"), ("to_soc", "fraction"), ("from_soc", "fraction"),
                    ("pack_energy", "energy"), ("usable_fraction", "fraction"), ("consumption", ["150 Wh/km"]),
                    ("vehicle", "vehicle"), ("cycle", "cycle"), ("range", "range"),
                    ("power_kind", ["peak", "average", "x"])],
    "ratio": [("a", ["300 Wh/kg", "?", "tesla-4680.energy", "1 kg", "0 Wh/kg", "tesla-4680.nosuch"]),
              ("b", ["350 Wh/kg", "?", "900 Wh/L", "byd-blade-lfp.volumetric"])],
    "difference": [("a", ["300 Wh/kg", "?", "tesla-4680.mass"]), ("b", ["350 Wh/kg", "?", "1 km"])],
    "product": [("factors", ["800 * 300 mi", "800*300 mi", "2 * ? ", "", "1e18 * 1e18 kg", "((1)) * 3 km"])],
    "growth": [("start", ["1.95 billion yuan", "0 yuan", "1 USD", "5 kg"]), ("end", ["116.23 billion yuan", "2 EUR"]),
               ("start_year", ["2024", "2030", "x", "1e9"]), ("end_year", ["2030", "2024", "2024.5"])],
    "ratings": [("a", "range"), ("a_cycle", "rating"), ("b_cycle", "rating"), ("vehicle", "vehicle")],
    "expression": [("expr", ["75 kWh / (400 Wh/kg)", "960 * tesla-4680.energy", "mid-sedan.consumption@wltp * 300 mi",
                             "75 kWh / ?", "((((((((1))))))))", "2^5", "1/0", "0/0 kg", "75 kWh x 2", "75 kWh × 2",
                             "__import__('os')", "1" * 250, "-(-(-1))", "2**-4 m", "? * ?", "mid-sedan.pack_mass"]),
                   ("cycle", "cycle")],
}
ASSERTED = ["3", "3x", "+16.7 %", "14 %", "0.14", "14", "1000 km", "250 mi to 300 mi", "300 km to 400 km", "155 Wh/km",
            "12 min", "4 C", "600 kW", "98 %", "240000 mi", "50 Wh/kg", "190 kg", "600 km", "0", "0 %", "1 million km",
            "nan", "1e19 km", "true", "-3"]


#: command lines of docs/claims.md that hold or fail; a case starts from one and changes an input
CLAIM_EXAMPLES = [
    ["same-weight", "a=gac-aion-ssb-300", "b=gac-aion-ssb-350", "--asserted", "3"],
    ["growth", "start=1.95 billion yuan", "end=116.23 billion yuan", "start_year=2024", "end_year=2030",
     "--asserted", "98 %"],
    ["ratio", "a=?", "b=900 Wh/L", "--asserted", "+40 %"],
    ["range", "pack_energy=75 kWh", "consumption=150 Wh/km", "--asserted", "250 mi to 300 mi",
     "--qualifier", "between"],
    ["charge", "from_soc=10 %", "to_soc=80 %", "time=15 min", "pack_energy=75 kWh", "--asserted", "240 kW",
     "--qualifier", "at-most"],
    ["range-added", "time=12 min", "power=400 kW", "power_kind=peak", "pack_energy=133 kWh", "range=1000 km",
     "--asserted", "400 km", "--qualifier", "at-least"],
    ["ratings", "a=700 km", "a_cycle=cltc", "b_cycle=wltp", "vehicle=mid-sedan", "--asserted", "600 km"],
    ["expression", "expr=75 kWh / (400 Wh/kg)", "--asserted", "190 kg", "--qualifier", "at-most"],
    ["same-energy-volume", "a_density=600 Wh/L", "b_density=950 Wh/L", "--asserted", "37 %"],
    ["lifetime", "cycles=1000", "retention=80 %", "range=500 km", "--asserted", "1 million km"],
    ["product", "factors=800 * 300 mi", "--asserted", "240000 mi"],
    ["consumption", "pack_energy=75 kWh", "range=500 km", "--asserted", "140 Wh/km"],
]


def claim_args(rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        args = ["claim", *rng.choice(CLAIM_EXAMPLES)]
        kind = args[1]
        for _ in range(rng.choice([0, 1, 1, 2])):
            inputs = CLAIM_INPUTS.get(kind, [])
            if not inputs:
                break
            key, values = rng.choice(inputs)
            value = rng.choice(values) if isinstance(values, list) else pick(rng, str(values))
            if rng.random() < 0.2 and value[:1].isdigit():          # an input written as a range (issue 15)
                value = f"{value.split()[0]} to {value}"
            args = [a for a in args if not a.startswith(key + "=")] + [f"{key}={value}"]
        bands_opts(rng, args)
        common(rng, args)
        return args
    kind = rng.choice(sorted(CLAIM_INPUTS) + ["nosuch"])
    args = ["claim", kind]
    for key, values in CLAIM_INPUTS.get(kind, []):
        if rng.random() < 0.55:
            value = rng.choice(values) if isinstance(values, list) else pick(rng, str(values))
            if rng.random() < 0.1:
                value = rng.choice(HOSTILE)
            args.append(f"{key}={value}")
    if rng.random() < 0.08:
        args.append(rng.choice(["nosuch=1", "a", "=5", "a==b", "a=1", "A=1"]))
    if rng.random() < 0.9:
        args += ["--asserted", rng.choice(ASSERTED) if rng.random() < 0.85 else rng.choice(HOSTILE)]
    opt(rng, args, "--qualifier", "qualifier", 0.3)
    if rng.random() < 0.15:
        args += ["--tolerance", rng.choice(["5 %", "0.05", "0", "-1 %", "200 %", "5 kg", "x"])]
    bands_opts(rng, args)
    common(rng, args)
    return args


def command(rng: random.Random) -> list[str]:
    """One random command line."""
    c = rng.choice(["range", "consumption", "tradeoff", "charge", "sweep", "normalise", "check", "claim", "claim",
                    "convert", "compare", "show"])
    args = [c]
    if c == "range":
        args.append(pick(rng, "cell"))
        vehicle_opts(rng, args)
        for name, kind in (("--pack-mass", "mass"), ("--pack-energy", "energy"), ("--f-mass", "fraction"),
                           ("--f-usable", "fraction"), ("--f-volume", "fraction")):
            opt(rng, args, name, kind, 0.25)
        if rng.random() < 0.1:
            args.append(rng.choice(["--explain", "--mpge"]))
        bands_opts(rng, args, (("--pack-mass", "mass_range"), ("--pack-energy", "energy_range")))
    elif c == "consumption":
        vehicle_opts(rng, args)
        opt(rng, args, "--pack-mass", "mass", 0.3)
        if rng.random() < 0.2:
            args.append("--mpge")
        bands_opts(rng, args, (("--pack-mass", "mass_range"),))
    elif c == "tradeoff":
        args += [pick(rng, "cell"), pick(rng, "cell")]
        vehicle_opts(rng, args)
        opt(rng, args, "--hold", "hold", 0.5)
        opt(rng, args, "--pack-mass", "mass", 0.25)
        opt(rng, args, "--pack-energy", "energy", 0.2)
        opt(rng, args, "--range", "range", 0.3)
        opt(rng, args, "--f-mass", "fraction", 0.15)
        bands_opts(rng, args, (("--pack-mass", "mass_range"),))
    elif c == "charge":
        if rng.random() < 0.7:
            args.append(pick(rng, "cell"))
        opt(rng, args, "--vehicle", "vehicle", 0.3)
        for name, kind, p in (("--pack-energy", "energy", 0.4), ("--from", "fraction", 0.3), ("--to", "fraction", 0.4),
                              ("--time", "time", 0.3), ("--power", "power", 0.3), ("--charger", "charger", 0.3),
                              ("--pack-voltage", "voltage", 0.2), ("--peak-c-rate", "c_rate", 0.2),
                              ("--taper", "taper", 0.2), ("--cycle", "cycle", 0.1),
                              ("--charger-efficiency", "fraction", 0.15)):
            opt(rng, args, name, kind, p)
        if rng.random() < 0.15:
            args.append("--implied")
        bands_opts(rng, args, (("--pack-energy", "energy_range"),))
    elif c == "sweep":
        opt(rng, args, "--vehicle", "vehicle", 0.5)
        opt(rng, args, "--densities", "grid_d", 0.6)
        opt(rng, args, "--pack-masses", "grid_m", 0.4)
        opt(rng, args, "--ranges", "grid_r", 0.3)
        opt(rng, args, "--cycle", "cycle", 0.2)
        opt(rng, args, "--f-mass", "fraction", 0.15)
    elif c == "normalise":
        args.append(pick(rng, "range"))
        opt(rng, args, "--from", "rating", 0.8)
        opt(rng, args, "--to", "rating", 0.8)
        vehicle_opts(rng, args)
        opt(rng, args, "--pack-mass", "mass", 0.2)
        bands_opts(rng, args)
    elif c == "check":
        args.append(rng.choice(["seed-article", "specs/claims/seed-article.yaml", "nosuch", "mid-sedan", "/dev/null",
                                "tests", "-"]))
        bands_opts(rng, args)
    elif c == "claim":
        return claim_args(rng)
    elif c == "convert":
        args += ["--", pick(rng, rng.choice(["mass", "energy", "range", "power", "fraction", "temperature"])),
                 rng.choice(["kg", "Wh", "MPGe", "Wh/km", "J", "mi", "%", "K", "degC", "kgr", "", "1/h", "C", "x"])]
        return args
    elif c == "compare":
        args += [pick(rng, "cell") for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.2:
            args += ["--baseline", pick(rng, "cell")]
    elif c == "show":
        args.append(rng.choice(GOOD["cell"] + GOOD["vehicle"] + GOOD["cycle"] + HOSTILE[:10]))
    common(rng, args)
    return args


OVERRIDE_IDS = ["cell-to-pack-mass", "usable-fraction", "charger-efficiency", "aux-power", "ambient-temperature",
                "battery-efficiency", "nosuch", ""]
OVERRIDE_TEXTS = ["0.75 to 0.85", "75 % to 85 %", "0.75 to 0.8 to 0.85", "0.8", "0.75-0.85", "150 W to 400 W",
                  "-7 °C", "-7 °C to 0 °C", "-300 °C", "0.9 to 0.1", "1 to 2 to 3 to 4", "250 W", "120 %", "", "to",
                  "0.5 to", "nan to 1", "1e999", "80 % to 0.9", "low to central to high", "0.7 to 0.9 to 0.8"]


def override_case(rng: random.Random) -> str | None:
    """An assumption override through the library (docs/assumptions.md); a problem or None."""
    from batcalc.errors import BatcalcError
    from batcalc.spec.assumptions import parse_assignment, plausible_ranges, with_override, with_overrides

    ident, text = rng.choice(OVERRIDE_IDS), rng.choice(OVERRIDE_TEXTS)
    try:
        if rng.random() < 0.5:
            with_override(plausible_ranges(), ident, text)
        else:
            with_overrides(plausible_ranges(), [parse_assignment(f"{ident}={text}")])
    except BatcalcError as exc:
        if "\n" in str(exc) or not str(exc).strip():
            return f"override {ident!r} {text!r}: error not one line: {exc!s:.200}"
    except Exception as exc:  # noqa: BLE001 - what escapes is the point
        return f"override escape: with_override(plausible_ranges(), {ident!r}, {text!r}) -> {type(exc).__name__}: {exc}"
    return None


def run(seed: int, count: int, slow: float = 5.0) -> tuple[Counter[str], list[str]]:
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for _ in range(count):
        if rng.random() < 0.1:
            counts["override"] += 1
            problem = override_case(rng)
            if problem:
                problems.append(problem)
            continue
        args = command(rng)
        start = time.perf_counter()
        code, problem = cli_problem(args)
        elapsed = time.perf_counter() - start
        counts[f"{args[0]} exit {code}"] += 1
        repro = "batcalc " + " ".join(repr(a) for a in args)
        if problem:
            problems.append(f"{repro}: {problem}")
        if elapsed > slow:
            counts["slow"] += 1
            problems.append(f"slow {elapsed:.1f} s: {repro}")
    return counts, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--slow", type=float, default=5.0, help="seconds above which a case counts as a problem")
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    counts, problems = run(args.seed, args.count, args.slow)
    print(f"seed {args.seed} count {args.count}")
    for key, n in sorted(counts.items()):
        print(f"  {n:6d}  {key}")
    print(f"problems: {len(problems)}")
    for p in problems[:args.show]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
