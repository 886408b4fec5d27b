"""Fuzz the spec loader and the CLI with mutated spec files; count clean errors, escapes, slow cases.

    python tools/fuzz.py [--cases 2000] [--seed 1] [--slow 1.0]

Each case takes a real spec (the catalogue's cells, vehicles, claims and chargers) and mutates it:
byte flips and insertions, deleted or duplicated lines, values swapped for hostile ones (power
towers, NaN, huge numbers, wrong dimensions, YAML 1.1 traps, aliases, tags, control characters,
unicode digits), truncation, or random bytes. The mutant is written to a file and fed to the library
(`load_spec`) and to the CLI (`batcalc show|check FILE`, in-process, through the console-script entry
point). Outcomes: ok (valid, a result), clean (one-line batcalc error, exit 2), escape (any other
exception, a traceback, more than one line, or another exit code), slow (over --slow seconds).
Prints the counts, and the first escapes and slow cases with the input that caused them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import tempfile
import time
from pathlib import Path

HOSTILE = ["10**10**10 Wh/kg", "nan Wh/kg", ".nan", ".inf", "-.inf", "1e999 Wh/kg", "1e308 kWh", "-5 g", "0 g",
           "350 km/kg", "3 C", "1:20", "0o17", "0x1F", "1_000", "no", "yes", "~", "null", "[]", "{}", "''",
           "*a", "&a 1", "!!python/object:os.system x", "!!binary aGVsbG8=", "<<: *a", "\"\\0\"", "\"\\e[31m\"",
           "３５０ Wh/kg", "٣٥٠ Wh/kg", "3,6 V", "350 Wh kg", "Wh/kg*kg/kg", "20 °C", "((((((((1))))))))",
           "__import__('os')", "x" * 5000, "1e-999 g", "120 %", "-10 %", "1" * 400, "\u202e gk/hW 053",
           "350 Wh/kg\u2028", "\t", "- - - -", "{a: [b, {c: d}]}", "? [a]\n: b", "%YAML 1.1", "---", "..."]


def mutate(text: str, rng: random.Random) -> bytes:
    """One random mutation of a spec's text."""
    kind = rng.randrange(8)
    lines = text.splitlines(keepends=True)
    data = text.encode("utf-8")
    if kind == 0 and data:                                   # flip bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if kind == 1 and lines:                                  # delete or duplicate lines
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            del lines[i]
        else:
            lines.insert(i, lines[i])
        return "".join(lines).encode()
    if kind in (2, 3, 4) and lines:                          # swap a value for a hostile one
        i = rng.randrange(len(lines))
        line = lines[i]
        if ":" in line:
            key, _, _ = line.partition(":")
            lines[i] = f"{key}: {rng.choice(HOSTILE)}\n"
        else:
            lines[i] = rng.choice(HOSTILE) + "\n"
        return "".join(lines).encode("utf-8", errors="surrogatepass")
    if kind == 5:                                            # truncate
        return data[:rng.randrange(len(data) + 1)]
    if kind == 6:                                            # insert hostile text anywhere
        pos = rng.randrange(len(data) + 1)
        return data[:pos] + rng.choice(HOSTILE).encode() + data[pos:]
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))   # random bytes


def run_cli(args: list[str]) -> tuple[int, str]:
    """Run the console-script entry point in-process: (exit code, stderr)."""
    from batcalc.cli.main import main

    err, out = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, err.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--slow", type=float, default=1.0, help="seconds above which a case counts as slow")
    args = ap.parse_args()
    import batcalc.spec.chargers  # noqa: F401  (registers kind: chargers)
    import batcalc.spec.claims  # noqa: F401  (registers kind: claims)
    import batcalc.spec.vehicle  # noqa: F401  (registers kind: vehicle)
    from batcalc.errors import BatcalcError
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    seeds = [p.read_text(encoding="utf-8") for p in sorted(specs_root().rglob("*.yaml"))]
    rng = random.Random(args.seed)
    counts = {"inputs": 0, "ok": 0, "clean": 0, "escape": 0, "slow": 0}
    reports: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.cases):
            data = mutate(rng.choice(seeds), rng)
            path = Path(tmp) / f"case-{n}.yaml"
            path.write_bytes(data)
            counts["inputs"] += 1
            start = time.perf_counter()
            outcome = "ok"
            try:
                load_spec(path)
            except BatcalcError as exc:
                outcome = "clean" if "\n" not in str(exc) else "escape"
            except Exception as exc:  # noqa: BLE001 - counting what escapes is the point
                outcome = "escape"
                reports.append(f"library escape {type(exc).__name__}: {exc!s:.120} <- {data[:120]!r}")
            command = "check" if b"claims" in data[:200] else "show"
            code, err = run_cli([command, str(path)])
            if code not in (0, 1, 2) or "Traceback" in err or len(err.strip().splitlines()) > 1 or \
                    (code == 2 and not err.strip()):
                outcome = "escape"
                reports.append(f"cli escape exit {code}: {err.strip()[:160]!r} <- {data[:120]!r}")
            elif code == 2 and outcome == "ok":
                outcome = "clean"
            elapsed = time.perf_counter() - start
            counts[outcome] += 1
            if elapsed > args.slow:
                counts["slow"] += 1
                reports.append(f"slow {elapsed:.2f} s <- {data[:120]!r}")
    print(" ".join(f"{k} {v}" for k, v in counts.items()))
    for line in reports[:20]:
        print(line)


if __name__ == "__main__":
    main()
