"""For the record (no goal): what each part of the claim path costs the physics-mix check (goal 9).

    python benchmarks/claim_path_parts.py [--files 500] [--rounds 5]

Generates the physics-mix claims files of ``batch.py`` (ratio, growth, range, same-range, charge) and
times ``batcalc check FILE`` for each, printed table included, as shipped and with one part of the
path made free, alternately in each round (which goes first alternating by round), one part at a time:

  output     the verdicts are not written (``_verdict_output`` only decides the exit code);
  evidence   no evidence ledger (``claims.check._ledger`` returns nothing);
  catalogue  a cell or vehicle a claim names is loaded once for the whole run instead of once per
             file (``Context._load`` remembers what it loaded: no catalogue lookup, no version check);
  ranged     no look for inputs written as ranges (``claims.check.ranged_inputs`` returns nothing).

Each "free" setting does less than ``batcalc check`` and prints less or other text: that is its point.
The figure is the share of the shipped command's time that the part costs (``1 - free / shipped``,
the median over rounds); it says where a rebuilt claim path could win, as ``physics_floor.py`` does for
the consumptions and ``lean_claim_path.py`` for all of it together. At the end it checks that the
shipped command prints what it printed before the runs (every stand-in put back).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch  # noqa: E402  (the generators and the command, shared with the benchmark of goal 9)

PARTS = ("output", "evidence", "catalogue", "ranged")


def free(part: str) -> Callable[[], None]:
    """Make ``part`` free; returns the function that puts the shipped one back."""
    import typer

    import batcalc.claims.check as check
    import batcalc.cli.main as cli

    if part == "output":
        shipped: Any = cli._verdict_output

        def decide_only(verdicts: Any, *args: Any, **kwargs: Any) -> None:
            if "fails" in [v.status for v in verdicts]:
                raise typer.Exit(1)
        cli._verdict_output = decide_only
        return lambda: setattr(cli, "_verdict_output", shipped)
    if part == "evidence":
        shipped = check._ledger
        check._ledger = lambda claim, ctx: []
        return lambda: setattr(check, "_ledger", shipped)
    if part == "catalogue":
        shipped = check.Context._load
        loaded: dict[tuple[str, str], Any] = {}

        def once(self: Any, loader: Any, kind: str, name: str, key: tuple) -> Any:
            if (kind, name) not in loaded:
                loaded[kind, name] = shipped(self, loader, kind, name, key)
            return loaded[kind, name]
        check.Context._load = once
        return lambda: setattr(check.Context, "_load", shipped)
    if part == "ranged":
        shipped = check.ranged_inputs
        check.ranged_inputs = lambda claim: {}
        return lambda: setattr(check, "ranged_inputs", shipped)
    raise ValueError(part)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500, help="physics-mix claims files (default 500)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; shares are medians (default 5)")
    args = ap.parse_args()

    check = batch.cli_commands()["check"]
    with tempfile.TemporaryDirectory() as tmp:
        files = batch.physics_files(Path(tmp), args.files)

        def run() -> None:
            batch.check_each(check, files)

        def timed(part: str | None) -> float:
            restore = free(part) if part else None
            try:
                batch.touch(files)                      # a new version of every file: no cached load counts
                t = time.perf_counter()
                run()
                return time.perf_counter() - t
            finally:
                if restore:
                    restore()

        before = batch.printed(check, files[:3])       # what the shipped command prints, to check at the end
        run()                                           # warm-up: imports, catalogue, consumption models
        for part in PARTS:                              # and each stand-in once
            timed(part)
        shares: dict[str, list[float]] = {p: [] for p in PARTS}
        shipped_times: list[float] = []
        for r in range(args.rounds):
            for part in PARTS:
                order = (None, part) if r % 2 == 0 else (part, None)
                times = {which: timed(which) for which in order}
                shipped_times.append(times[None])
                shares[part].append(1 - times[part] / times[None])
        if batch.printed(check, files[:3]) != before:
            sys.exit("the shipped command prints other output after the runs: a stand-in was not put back")
    print(f"{args.files} physics-mix files, {args.rounds} rounds, Python {sys.version.split()[0]}: "
          f"batcalc check {statistics.median(shipped_times) / args.files * 1e6:.0f} us a file as shipped")
    for part in PARTS:
        print(f"  {part:10s} costs {statistics.median(shares[part]) * 100:5.1f} % of the command  "
              f"[rounds: {' '.join(f'{s * 100:.1f}' for s in shares[part])}]")


if __name__ == "__main__":
    main()
