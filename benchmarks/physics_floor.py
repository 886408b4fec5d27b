"""For the record (no goal): how far the physics-mix check (goal 9, <= 3 x PyYAML's C loader) would
fall if every consumption cost nothing.

    python benchmarks/physics_floor.py [--files 500] [--rounds 5]

Generates the physics-mix claims files of ``batch.py`` (ratio, growth, range, same-range, charge) and
times ``batcalc check FILE`` for each, printed table included, against ``yaml.load`` with the C loader
of the same files, as ``batch.py`` does (which of the two goes first alternating by round), in two
settings, alternately:

  real  as shipped;
  free  every consumption answered from a table filled by an earlier run of the same files: the
        consumption model's one-mass energy (:class:`batcalc.physics.powertrain.OneMassTable`) is
        wrapped in a dict keyed by (table, mass), so the same solves take the same passes and print the
        same output, but each of them costs a dict lookup instead of the cycle's sum.

The difference between the two ratios is what the consumptions cost; the ``free`` ratio is the floor
the rest of the claim path sets (reading, validating, the solves' bookkeeping, packs and ranges,
verdicts, writing the table): while it stays above 3, no faster consumption can meet goal 9. Output
identical in both settings is checked before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch  # noqa: E402  (the generators and the command, shared with the benchmark of goal 9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500, help="physics-mix claims files (default 500)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; ratios are medians (default 5)")
    args = ap.parse_args()

    import batcalc.physics.powertrain as powertrain

    check = batch.cli_commands()["check"]
    exact = powertrain.OneMassTable.energy
    table: dict[tuple[int, float], float] = {}
    keep: list[object] = []                     # the tables keyed by id stay alive while the dict lives

    def remembered(self: powertrain.OneMassTable, mass: float) -> float:
        key = (id(self), mass)
        found = table.get(key)
        if found is None:
            keep.append(self)
            found = table[key] = exact(self, mass)
        return found

    def setting(free: bool) -> None:
        powertrain.OneMassTable.energy = remembered if free else exact    # type: ignore[method-assign]

    with tempfile.TemporaryDirectory() as tmp:
        files = batch.physics_files(Path(tmp), args.files)

        def ours() -> str:
            return batch.check_each(check, files, keep=True)

        setting(False)
        printed = ours()
        setting(True)
        ours()                                  # fills the table
        if ours() != printed:
            sys.exit("the 'free' setting printed something else than the real one")
        ratios: dict[str, list[float]] = {"real": [], "free": []}
        for r in range(args.rounds):
            for name in (("real", "free") if r % 2 == 0 else ("free", "real")):
                setting(name == "free")
                batch.touch(files)
                took = {}
                for side in (("ours", "base") if r % 2 == 0 else ("base", "ours")):    # which goes first alternates
                    t = time.perf_counter()
                    if side == "ours":
                        ours()
                    else:
                        batch.c_load(files)
                    took[side] = time.perf_counter() - t
                ratios[name].append(took["ours"] / took["base"])
        setting(False)

    print(f"{args.files} physics-mix claims files, {args.rounds} rounds, Python {sys.version.split()[0]}")
    for name, label in (("real", "as shipped"), ("free", "every consumption free (looked up)")):
        print(f"  {name}  check / C loader {statistics.median(ratios[name]):.2f}  ({label}; rounds "
              f"{' '.join(f'{x:.2f}' for x in ratios[name])})")
    free = statistics.median(ratios["free"])
    if free > 3:
        print(f"  with every consumption free the check is still {free:.2f} x: above goal 9 (<= 3), so faster "
              f"consumptions alone cannot meet it (the solves, packs and ranges around them still run)")
    else:
        print(f"  with every consumption free the check is {free:.2f} x: within goal 9 (<= 3)")


if __name__ == "__main__":
    main()
