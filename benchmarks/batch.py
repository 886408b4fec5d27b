"""Benchmark: `batcalc show`, `compare` and `check` over 10,000 generated files, printed tables
included, against PyYAML's C loader merely parsing the same files.

    python benchmarks/batch.py [--files 10000] [--rounds 5]
    python benchmarks/batch.py --quick            # 500 files, 3 rounds: a smoke run of a few seconds

Generates, in a temporary folder, N cell specs, N claims files of cheap claims (ratio, growth) and N
claims files of a physics mix (ratio, growth, range of a cell's pack in a vehicle on a cycle,
same-range with the mass feedback, charge with a pack sized for a range in a vehicle), with varied
values, units, cells, vehicles and cycles. Then, in this one process, times:

  show      `batcalc show CELL` for every cell file
  compare   `batcalc compare A B` for consecutive pairs of cell files
  check     `batcalc check FILE` for every cheap claims file
  physics   `batcalc check FILE` for every physics-mix claims file

each by calling the command's own function (the callback typer runs, taken from the app in
batcalc.cli.main) with the table format and the output captured: loading, validating, deriving,
evaluating, building the rows AND rendering the text the CLI prints. What is left out is what every
invocation pays once: start-up and typer's option parsing (benchmarks/startup.py measures that),
and the per-process caches a separate invocation would fill again (the catalogue cells and vehicles
loaded, each (vehicle, cycle) consumption model built, parsed units): in this one process they are
built once per file version, so the physics ratio is a lower bound on running `batcalc check` per
file. The
first file of each kind is also run through `python -m batcalc` and its output compared with the
captured one, so the timed calls print what the CLI prints.

Baseline: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same files (read from disk the same
way), the least any YAML-based tool must do. Every round times each workload and its baseline back
to back (alternating which goes first), after touching every file so that batcalc's per-file-version
cache cannot serve it. The ratio printed is the median over rounds of (workload / its baseline in the
same round). Goals: show, compare, check <= 2; physics mix <= 3. The ratio of CPU times (this
process's, ``time.process_time``) is printed beside it: on a busy shared machine it swings less than
wall time, which is what the goals are stated in.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

UNITS = [("Wh/kg", 1.0), ("kWh/kg", 1e-3), ("J/g", 3.6)]
#: catalogue cells with a gravimetric energy density, vehicles with a road load, cycles for physics claims
CELLS = ["gac-aion-ssb-300", "gac-aion-ssb-350", "tesla-4680", "byd-blade-lfp", "catl-condensed",
         "quantumscape-qse-5", "welion-nio-semi-solid", "huineng-llcb", "amprius-si-nanowire-450"]
VEHICLES = ["compact-car", "mid-sedan", "large-suv", "light-truck"]
CYCLES = ["wltp", "udds", "hwfet", "100 km/h"]
GOALS = {"show": 2.0, "compare": 2.0, "check": 2.0, "physics": 3.0}


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


def cheap_claims(i: int, rng: random.Random) -> str:
    a, b = rng.uniform(100, 300), rng.uniform(300, 600)
    return f"""  - id: ratio-{i}
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


def claims_text(i: int, rng: random.Random) -> str:
    """A claims file of the cheap kinds only (arithmetic on the figures given)."""
    return "kind: claims\nclaims:\n" + cheap_claims(i, rng)


def physics_claims_text(i: int, rng: random.Random) -> str:
    """A claims file mixing the cheap kinds with claims that run the physics: range (a cell's pack
    in a vehicle on a cycle), same-range (pack mass at equal range, with the mass feedback) and charge
    (a pack sized for a range in a vehicle); cells, vehicles and cycles vary."""
    a, b = rng.sample(CELLS, 2)
    return "kind: claims\nclaims:\n" + cheap_claims(i, rng) + f"""  - id: range-{i}
    quote: "a range of {rng.randint(3, 9) * 100} km"
    kind: range
    inputs: {{cell: {a}, pack_mass: {rng.randint(250, 700)} kg, vehicle: {rng.choice(VEHICLES)}, \
cycle: {rng.choice(CYCLES)}}}
    asserted: {rng.randint(3, 9) * 100} km
    qualifier: at-least
  - id: same-range-{i}
    quote: "saves {rng.randint(5, 20) * 10} kg of battery for the same range"
    kind: same-range
    inputs: {{a: {a}, b: {b}, vehicle: {rng.choice(VEHICLES)}, cycle: {rng.choice(CYCLES)}, \
range: {rng.randint(3, 8) * 100} km}}
    asserted: {rng.randint(5, 20) * 10} kg
  - id: charge-{i}
    quote: "{rng.choice([70, 80, 90])} % in {rng.randint(10, 30)} minutes"
    kind: charge
    inputs: {{cell: {rng.choice(CELLS)}, from_soc: {rng.choice([10, 20])} %, to_soc: 80 %, \
vehicle: {rng.choice(VEHICLES)}, range: {rng.randint(4, 9) * 100} km, \
cycle: {rng.choice(CYCLES)}}}
    asserted: {rng.randint(10, 30)} min
"""


def physics_files(folder: Path, count: int) -> list[str]:
    """The first ``count`` physics-mix claims files of this benchmark (the same draws as :func:`main`:
    the same files), written to ``folder``; their paths (for the scripts that time goal 9's files)."""
    rng = random.Random(7)
    paths = []
    for i in range(count):
        cell_text(i, rng)
        claims_text(i, rng)
        path = folder / f"physics-{i}.yaml"
        path.write_text(physics_claims_text(i, rng), encoding="utf-8")
        paths.append(str(path))
    return paths


def touch(paths: list[str]) -> None:
    """Give every file a new version, so that no per-file-version cache serves the next timed run."""
    stamp = time.time_ns()
    for p in paths:
        os.utime(p, ns=(stamp, stamp))


def c_load(paths: list[str]) -> None:
    """The baseline: PyYAML's C loader parsing each file, read from disk as batcalc reads it (the C loader
    or nothing: the goals are stated against it)."""
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)


def cli_commands() -> dict:
    """The functions typer runs for each ``batcalc`` command, by command name."""
    from batcalc.cli.main import app

    return {c.name: c.callback for c in app.registered_commands}


def printed(fn, *args) -> str:
    """What ``fn(*args)`` prints on stdout (a command exits 1 when a claim fails: that is output too)."""
    import typer

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            fn(*args)
        except typer.Exit:
            pass
    return out.getvalue()


def check_each(check, files: list[str], keep: bool = False) -> str:
    """``batcalc check FILE`` (the command's function ``check``) for each file in turn, stdout captured:
    all of it returned when ``keep``, else each file's dropped after it (a batch's memory) and '' returned.
    Exit code 1 (a claim failed) is output too; any other ends the benchmark."""
    import typer

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for p in files:
            try:
                check([p])
            except typer.Exit as exc:
                if exc.exit_code != 1:
                    sys.exit(f"check {p}: exit code {exc.exit_code}")
            if not keep:
                out.seek(0)
                out.truncate()
    return out.getvalue()


def cli_output(args: list[str], cwd: str) -> str:
    """What ``python -m batcalc ARGS`` prints on stdout."""
    return subprocess.run([sys.executable, "-m", "batcalc", *args], capture_output=True, text=True,
                          cwd=cwd).stdout


def profile(fn) -> None:
    """Run ``fn`` once to warm up, then once under cProfile; print the top functions by own time and
    by cumulative time."""
    import cProfile
    import pstats

    fn()
    prof = cProfile.Profile()
    prof.runcall(fn)
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000, help="files of each kind (default 10000)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; ratios are medians over rounds (default 5)")
    ap.add_argument("--quick", action="store_true", help="500 files, 3 rounds (unless given)")
    ap.add_argument("--only", nargs="*", choices=list(GOALS), help="run only these workloads")
    ap.add_argument("--profile", choices=list(GOALS), help="instead of timing, profile one workload (cProfile) "
                    "and print where its time goes")
    args = ap.parse_args()
    if args.quick:
        args.files = 500 if args.files == 10_000 else args.files
        args.rounds = 3 if args.rounds == 5 else args.rounds
    commands = cli_commands()
    show_cmd, compare_cmd, check_cmd = commands["show"], commands["compare"], commands["check"]

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kinds: dict[str, list[str]] = {"cell": [], "claims": [], "physics": []}
        for i in range(args.files):
            for kind, text in (("cell", cell_text(i, rng)), ("claims", claims_text(i, rng)),
                               ("physics", physics_claims_text(i, rng))):
                p = folder / f"{kind}-{i}.yaml"
                p.write_text(text, encoding="utf-8")
                kinds[kind].append(str(p))
        cells, claims, physics = kinds["cell"], kinds["claims"], kinds["physics"]

        # the timed calls print what the CLI prints
        for cli_args, fn, fn_args in ((["show", cells[0]], show_cmd, (cells[0],)),
                                      (["compare", cells[0], cells[1]], compare_cmd, ([cells[0], cells[1]],)),
                                      (["check", claims[0]], check_cmd, ([claims[0]],)),
                                      (["check", physics[0]], check_cmd, ([physics[0]],))):
            ours = printed(fn, *fn_args)
            if ours != cli_output(cli_args, tmp) or not ours.strip():
                sys.exit(f"in-process output of batcalc {' '.join(cli_args[:1])} differs from the CLI's")

        def parse(paths):
            return lambda: c_load(paths)

        def each(fn, argsets):
            def run():
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    for a in argsets:
                        try:
                            fn(a)
                        except Exception as exc:    # typer.Exit(1): a claim failed; printed all the same
                            if getattr(exc, "exit_code", None) != 1:
                                sys.exit(f"{fn.__name__} {a}: exit code {getattr(exc, 'exit_code', exc)!r}")
                        out.seek(0)
                        out.truncate()
            return run

        pairs = [[a, b] for a, b in zip(cells[::2], cells[1::2], strict=False)]
        workloads = {   # name: (batcalc, baseline), the baseline parsing the files the workload reads
            "show": (each(show_cmd, cells), parse(cells)),
            "compare": (each(compare_cmd, pairs), parse([p for pair in pairs for p in pair])),
            "check": (each(check_cmd, [[p] for p in claims]), parse(claims)),
            "physics": (each(check_cmd, [[p] for p in physics]), parse(physics)),
        }
        if args.profile:
            profile(workloads[args.profile][0])
            return
        names = args.only or list(workloads)
        for name in names:              # warm-up: imports, catalogue, consumption models, OS file cache
            workloads[name][0]()
            workloads[name][1]()
        every = cells + claims + physics
        times: dict[str, tuple[list, list]] = {n: ([], []) for n in names}     # (wall, cpu) per run
        for r in range(args.rounds):
            for name in names:
                touch(every)                        # a new version of every file: no cached load counts
                ours, base = workloads[name]
                for which, fn in (((0, ours), (1, base)) if r % 2 == 0 else ((1, base), (0, ours))):
                    t, c = time.perf_counter(), time.process_time()
                    fn()
                    times[name][which].append((time.perf_counter() - t, time.process_time() - c))

    print(f"{args.files} files of each kind, {args.rounds} rounds, Python {sys.version.split()[0]}, "
          f"PyYAML {yaml.__version__} CSafeLoader")
    for name in names:
        ours, base = times[name]
        ratio = statistics.median(o[0] / b[0] for o, b in zip(ours, base, strict=True))
        cpu = statistics.median(o[1] / b[1] for o, b in zip(ours, base, strict=True))
        print(f"  {name:8s} batcalc {statistics.median(o[0] for o in ours):6.2f} s  CSafeLoader "
              f"{statistics.median(b[0] for b in base):5.2f} s  ratio {ratio:.2f} (goal <= {GOALS[name]:g})"
              f"{'' if ratio <= GOALS[name] else '  NOT MET'}  [CPU-time ratio {cpu:.2f}]")
        print(f"           rounds: {' '.join(f'{o[0] / b[0]:.2f}' for o, b in zip(ours, base, strict=True))} "
              f"[CPU {' '.join(f'{o[1] / b[1]:.2f}' for o, b in zip(ours, base, strict=True))}]")


if __name__ == "__main__":
    main()
