"""For the record (no goal; an experiment for goal 9's decision): how fast could a claim path with far
fewer objects check the physics-mix files?

    python benchmarks/lean_claim_path.py [--files 500] [--rounds 5]

A sketch of such a path, written here and nowhere else, against PyYAML's C loader parsing the same
files (``batch.py``'s files and baseline). It does what ``batcalc check FILE`` does up to the physics
and no more beyond it:

- the same: the file read and validated (``load_claims_file``), the same physics calls (a pack from a
  mass, a consumption on the claim's cycle, ``tradeoff`` holding range, ``solve_pack_mass_for_range``);
  the derived figures are checked equal to ``batcalc check``'s (to 1e-9 relative) on every file before
  timing;
- less: no verdict (holds / fails and the tolerance it rests on), no evidence ledger, no charger
  matching, no located errors, one unit system, f-strings instead of phrases of values, and about
  three quarters of the text (2.5 KB a file against 3.4 KB), with the vehicle's assumption line
  written once as a constant.

So its ratio is a floor that a rebuilt claim path could approach, not one it would reach: the
difference to ``batch.py``'s physics ratio is what today's evaluators, phrases and table cost above
that sketch, and what a rebuild for goal 9 (<= 3) would have to win back.
"""

from __future__ import annotations

import argparse
import functools
import io
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch  # noqa: E402  (the generators of goal 9's files)

#: The road-load and powertrain line a range and a same-range claim print, written once.
ROAD = ("C_rr 0.009, C_d A 0.829 m^2, air 1.204 kg/m^3, g 9.8066 m/s^2; rotating mass 33.82 kg; motor rated "
        "100 kW; motor-and-inverter efficiency 84-95 % by load; transmission 92 %, battery 98.5 % one way; "
        "regeneration at 84 % motor efficiency, limited by motor power, fading below ~15 km/h; auxiliaries 250 W")
CHARGERS = ("ccs-150kw, ccs-180kw, gbt-2015, tesla-v3, ccs1, ccs2, ccs-350kw, chademo-2, ccs-400kw, tesla-v4, nacs, "
            "chademo-3, chaoji-gbt-2023, mcs")


def lean(path: str) -> tuple[str, dict[str, float]]:
    """(the text printed, the derived figure of each claim by id, SI) of one physics-mix file."""
    from batcalc.claims.check import load_claims_file
    from batcalc.physics.cells import load_cell
    from batcalc.physics.pack import PackOptions, pack_from_mass
    from batcalc.physics.tradeoff import solve_pack_mass_for_range, tradeoff
    from batcalc.physics.vehicle import load_vehicle
    from batcalc.units import format_number as fn
    from batcalc.units import parse_value

    spec, _ = load_claims_file(path)
    opts = PackOptions()
    rows: list[tuple[str, str, str]] = []
    notes: list[str] = []
    derived: dict[str, float] = {}
    for c in spec.claims:
        i = c.inputs
        if c.kind == "ratio":
            x = parse_value(str(i.b)).si / parse_value(str(i.a)).si - 1
            rows.append((c.id, c.kind, f"x{fn(x + 1)} ({x * 100:+.1f} %)"))
            notes.append(f'  {c.id}: "{c.quote}"\n    assumptions: a = {i.a}, b = {i.b}; tolerance 5 % relative\n'
                         f"    evidence: the claim's own figures (unsourced)")
        elif c.kind == "growth":
            # the generated files give start and end with the same counting word and unit ('billion yuan')
            x = (float(str(i.end).split()[0]) / float(str(i.start).split()[0])) ** (1 / (i.end_year - i.start_year)) - 1
            rows.append((c.id, c.kind, f"{x * 100:.1f} % a year"))
            notes.append(f'  {c.id}: "{c.quote}"\n    assumptions: {i.start} in {i.start_year} -> {i.end} in '
                         f"{i.end_year}; tolerance 5 % relative\n    evidence: the claim's own figures (unsourced)")
        elif c.kind == "range":
            cell, v = load_cell(i.cell), load_vehicle(i.vehicle)
            p = pack_from_mass(cell, i.pack_mass.si, opts)
            m = v.total_mass(p.mass)
            cons = float(v.consumption_model(i.cycle)(m))
            x = p.energy * opts.f_usable / cons
            rows.append((c.id, c.kind, f"{fn(x / 1000)} km"))
            notes.append(f'  {c.id}: "{c.quote}"\n    assumptions: usable energy {opts.f_usable * 100:.0f} % of the '
                         f"pack; cell-to-pack mass fraction {opts.f_mass:.2f}; consumption {fn(cons / 3.6)} Wh/km: "
                         f"{v.id} on {i.cycle} at {fn(m)} kg; {ROAD}; tolerance {fn(50 / x * 1000)} % relative\n"
                         f"    evidence: {cell.id} gravimetric energy density (press); {v.id} (preset)")
        elif c.kind == "same-range":
            a, b, v = load_cell(i.a), load_cell(i.b), load_vehicle(i.vehicle)
            t = tradeoff(a, b, v, "range", target_range=i.range.si, cycle=i.cycle)
            x = t.mass_saved
            rows.append((c.id, c.kind, f"{fn(x)} kg saved ({fn(t.a.pack.mass)} -> {fn(t.b.pack.mass)} kg pack, "
                                       f"range {fn(t.a.range / 1000)} km)"))
            notes.append(f'  {c.id}: "{c.quote}"\n    assumptions: cycle {i.cycle}; {ROAD}; cell-to-pack mass '
                         f"fraction {opts.f_mass:.2f}; usable energy {opts.f_usable * 100:.0f} %; vehicle {v.id}: "
                         f"{fn(v.glider_mass)} kg without battery + payload {fn(v.payload)} kg; tolerance 5 % "
                         f"relative\n    evidence: {a.id} (press); {b.id} (press); {v.id} (preset)")
        elif c.kind == "charge":
            cell, v = load_cell(i.cell), load_vehicle(i.vehicle)
            m, _ = solve_pack_mass_for_range(cell, v, i.range.si, i.cycle, opts)
            p = pack_from_mass(cell, m, opts)
            cons = float(v.consumption_model(i.cycle)(v.total_mass(m)))
            seconds = parse_value(str(c.asserted), "time").si
            window = i.to_soc.si - i.from_soc.si
            x = window / seconds                                  # average C-rate, 1/s
            power, added = p.energy * window / seconds, p.energy * opts.f_usable * window / cons
            rows.append((c.id, c.kind, f"{i.from_soc.text}->{i.to_soc.text}: {fn(x * 3600)} C, "
                                       f"{fn(power / 1000)} kW"))
            notes.append(f'  {c.id}: "{c.quote}"\n    reading: {fn(x * 3600)} C average, {fn(power / 1000)} kW at '
                         f"the battery, {fn(power / 900)} kW from the charger (delivered by: {CHARGERS}), "
                         f"{fn(added / 1000)} km added ({fn(added / seconds * 0.06)} km per minute)\n"
                         f"    assumptions: pack sized for {i.range.text} in {v.id} on {i.cycle}: "
                         f"{fn(p.energy / 3.6e6)} kWh gross, {fn(m)} kg; cell-to-pack mass fraction "
                         f"{opts.f_mass:.2f}; usable energy {opts.f_usable * 100:.0f} %; consumption "
                         f"{fn(cons / 3.6)} Wh/km; charger efficiency 90 %; tolerance 5 % relative\n"
                         f"    evidence: {cell.id} (press); {v.id} (preset)")
        else:
            raise SystemExit(f"{path}: kind {c.kind} is not in the physics mix")
        derived[c.id] = x
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    table = "\n".join("  ".join(r[k].ljust(widths[k]) for k in range(3)) for r in rows)
    return f"{path}\n\n{table}\n\n" + "\n".join(notes) + f"\n  {len(rows)} claims\n", derived


def checked_against_batcalc(path: str) -> None:
    """Exit unless :func:`lean`'s derived figures are ``batcalc check``'s (to 1e-9 relative)."""
    from batcalc.claims.check import check_file

    _, mine = lean(path)
    _, verdicts = check_file(path)
    for v in verdicts:
        theirs = v.derived[0].si if isinstance(v.derived, list) else v.derived.si
        if not math.isclose(mine[v.id], theirs, rel_tol=1e-9, abs_tol=1e-12):
            raise SystemExit(f"{path}: {v.id}: the sketch derives {mine[v.id]!r}, batcalc check {theirs!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500, help="physics-mix claims files (default 500)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; the ratio is their median (default 5)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = batch.physics_files(Path(tmp), args.files)
        for p in files:
            checked_against_batcalc(p)
        chars = len(lean(files[0])[0])

        def ours() -> None:
            out = io.StringIO()
            for p in files:
                out.write(lean(p)[0])
                out.seek(0)
                out.truncate()

        ours()
        ratios = []
        for r in range(args.rounds):
            batch.touch(files)
            base = functools.partial(batch.c_load, files)
            timed = [ours, base] if r % 2 == 0 else [base, ours]
            took = {}
            for fn in timed:
                t = time.perf_counter()
                fn()
                took[fn] = time.perf_counter() - t
            ratios.append(took[ours] / took[base])
    print(f"{args.files} physics-mix claims files, {args.rounds} rounds, Python {sys.version.split()[0]}; "
          f"the sketch prints {chars} characters for the first file")
    print(f"  lean sketch / C loader {statistics.median(ratios):.2f}  (rounds {' '.join(f'{x:.2f}' for x in ratios)}; "
          f"the same derived figures as batcalc check, less of the rest: see the module doc)")


if __name__ == "__main__":
    main()
