"""Differential fuzzer of the value grammar: batcalc.units.parse_value against tests/grammar_reference.py.

    python tools/fuzz_values.py --seed 1 --count 100000 [--cli-every 500] [--show 20]

Generates value strings for each dimension: well-formed ones from the documented grammar (units of
docs/units.md with their prefixes and plurals, products, quotients, powers, parentheses, kWh/100km,
percentages, C-rates) and mutations of them (near-miss and pint-only unit names, case slips, wrong
prefixes, odd numbers, whitespace, unicode, exponents, parentheses, overlong strings). Each goes
through ``parse_value(text, dim)`` and the reference, written from the docs only. Reported:
disagreements on accept/refuse, SI values more than 1e-9 apart (relative), any exception that is not
a BatcalcError, any error message of more than one line. Every --cli-every-th case also runs through
the CLI in-process (``batcalc convert TEXT UNIT`` and, for masses, ``batcalc range ... --pack-mass
TEXT``). Where the docs do not decide (the reference says "unspecified"), the case is counted under
its question with what the code did. Deterministic for a seed; exit 1 on any disagreement.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from grammar_reference import DIMS, KWH_PER_100, QUESTIONS, SPELLINGS, close, reference  # noqa: E402

#: a display unit per dimension for `batcalc convert` (the unit named in each dimension's label)
CONVERT_TO = {"specific_energy": "Wh/kg", "energy_density": "Wh/L", "energy": "kWh", "mass": "kg",
              "length": "km", "area": "m^2", "volume": "L", "voltage": "V", "charge": "Ah", "current": "A",
              "time": "min", "power": "kW", "speed": "km/h", "force": "N", "consumption": "Wh/km",
              "force_per_speed": "N/(km/h)", "force_per_speed2": "N/(km/h)^2", "fraction": "%"}
PINT_ONLY = ["kgr", "hs", "Eh", "MAh", "MAhs", "ktons", "kgs", "gr", "grs", "ton", "tons", "cycles", "rad", "°",
             "deg", "degree", "psi", "bar", "cal", "kcal", "BTU", "eV", "erg", "dyn", "oz", "stone", "yd", "nmi",
             "knot", "Hz", "rpm", "PS", "ha", "acre", "pint", "quart", "bbl", "Wb", "T", "ohm", "F", "S", "mol",
             "cd", "lm", "Pa", "atm", "torr", "kgf", "slug", "fortnight", "century", "light_year", "parsec",
             "kat", "Gy", "Sv", "Bq", "byte", "bit", "dozen", "gross", "ppm", "percentage", "permille", "‰",
             "mpg", "MPG", "kmh", "kmph", "kWhr", "KWH", "kwh", "Kwh", "KW", "kw", "Kg", "KG", "MM", "Km", "KM",
             "wh", "WH", "ah", "AH", "v", "w", "a", "j", "n", "G", "M", "k", "c", "S", "H", "mn", "sek",
             "metres", "meters_per_second", "kilometer_per_hour", "km_h", "Wh_kg", "m2", "m3", "m^2.5"]
NUMBERS = ["0", "1", "2", "3.6", "350", "0.5", "80", "1000", "12", "0.007", "0.23", "-7", "-0.5", "100",
           "1000000000000000000", "1000000000000000001", "0.000000000000000001", "0.0000000000000000001",
           "007", "1.000", "10.000", "99999999999999999999", "4.2", "75", "0.25", "1.5", "2"]
ODD_NUMBERS = ["1e3", "1E3", "1e18", "1e19", "1e-18", "1e-19", "1e308", "1e999", ".5", "5.", "+5", "--5", "+-5",
               "1_000", "1,000", "3,6", "0x1F", "0o17", "0b11", "1:20", "nan", "NaN", "inf", "-inf", "Infinity",
               "½", "٣٥٠", "３５０", "१२", "1.2.3", "1..2", "-", ".", "e3", "1e", "1e+3", "1e-3", "0.0", "-0",
               "00000000000000000000000000000000000000001", "1" * 30, "1." + "0" * 40, "0." + "0" * 30 + "1",
               "²", "1²", "true", "no", "~", "10**10", "2^10", "1/2", "(1)", "−5", "1 000", "1\u00a0000"]
WHITESPACE = [" ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\n", "\r", "\u200b", "\ufeff", ""]
UNICODE = ["\u202e", "\u2028", "\x00", "\x1b[31m", "\u0301", "μ", "µ", "×", "·", "−", "⁄", "²", "³", "⁴", "¹",
           "°", "Ω", "Å", "ｋ", "Ｗｈ", "\ud800"]
SYMBOL_PREFIXES = ["µ", "u", "m", "c", "d", "k", "M", "G", "T", "K", "h", "da", "n", "p", "P", "E", "μ", "Mi", "Ki"]
WORD_PREFIXES = ["micro", "milli", "centi", "deci", "kilo", "mega", "giga", "tera", "hecto", "nano", "Kilo", "kilo_"]

SPELLING_LIST = sorted(s for s, v in SPELLINGS.items() if v is not None)


def random_unit(rng: random.Random, depth: int = 0) -> str:
    """A random unit expression of the documented grammar (any dimension)."""
    def atom() -> str:
        if depth < 3 and rng.random() < 0.12:
            return "(" + random_unit(rng, depth + 1) + ")"
        return rng.choice(SPELLING_LIST)

    def power() -> str:
        a = atom()
        r = rng.random()
        if r < 0.08:
            return a + "^" + str(rng.randint(1, 4))
        if r < 0.11:
            return a + rng.choice("²³")
        return a

    def product() -> str:
        p = power()
        while rng.random() < 0.2:
            p += "*" + power()
        return p

    u = product()
    if rng.random() < 0.45:
        u += "/" + power()
    return u


class Pool:
    """Units bucketed by dimension, found by generating random units: the well-formed cases."""

    def __init__(self, rng: random.Random, tries: int = 40000) -> None:
        self.by_dim: dict[str, list[str]] = {d: [] for d in DIMS}
        for _ in range(tries):
            u = random_unit(rng)
            v = reference("1 " + u, "number")   # any accepted dimensionless reading is not needed here
            del v
            for d in DIMS:
                r = reference("1 " + u, d)
                if r.kind == "accept" and len(self.by_dim[d]) < 400:
                    self.by_dim[d].append(u)
        self.by_dim["consumption"] += list(KWH_PER_100)
        self.by_dim["fraction"] += ["%", "percent", "percents"]
        self.by_dim["c_rate"] += ["C"]
        for d in self.by_dim:
            self.by_dim[d] = sorted(set(self.by_dim[d]))


def well_formed(rng: random.Random, pool: Pool, dim: str) -> str:
    units = pool.by_dim[dim]
    if dim in ("fraction", "count", "number") and (not units or rng.random() < 0.5):
        return rng.choice(["0", "0.5", "1", "0.93", "0.007", "800", "3", "0.23"])
    number = rng.choice(NUMBERS) if rng.random() < 0.7 else f"{rng.uniform(-1000, 1e6):.{rng.randint(0, 9)}f}"
    return f"{number} {rng.choice(units) if units else rng.choice(SPELLING_LIST)}"


def _replace_unit(text: str, rng: random.Random) -> str:
    number, _, unit = text.partition(" ")
    choices: list[Callable[[], str]] = [
        lambda: rng.choice(PINT_ONLY),
        lambda: rng.choice(SYMBOL_PREFIXES) + rng.choice(SPELLING_LIST),
        lambda: rng.choice(WORD_PREFIXES) + rng.choice(SPELLING_LIST),
        lambda: rng.choice(SPELLING_LIST) + "s",
        lambda: rng.choice(SPELLING_LIST) + "es",
        lambda: unit.upper(), lambda: unit.lower(), lambda: unit.swapcase(), lambda: unit.capitalize(),
        lambda: unit.replace("/", "/" + rng.choice(SPELLING_LIST) + "/", 1),
        lambda: unit + "^" + rng.choice(["5", "0", "-1", "-4", "1.5", "2^2", "99", "4", "10**10", ""]),
        lambda: unit + "**" + rng.choice(["2", "-1", "5"]),
        lambda: "(" * rng.randint(1, 6) + unit + ")" * rng.randint(0, 6),
        lambda: rng.choice(["kWh/100km", "kWh/100mi", "kWh/100 km", "Wh/100km", "kWh/1000km", "kWh/100kms",
                            "(kWh/100km)", "kWh/100km*h", "kWh/100", "100km", "kWh/(100km)", "kWh/100Km",
                            "MWh/100km", "kWh/100miles", "1/h", "1/s", "A/Ah", "%/min", "C/h", "c", "C",
                            "%", "percent", "percents", "Percent", "pct", "‰", "% ", "%%", "MPGe", "mpge"]),
        lambda: unit.replace("*", rng.choice(["·", "×", " ", "x", "**", "."])),
        lambda: unit.replace("/", rng.choice(["÷", "⁄", " / ", "//", " per "])),
        lambda: "*".join([rng.choice(SPELLING_LIST) + "^4"] * rng.randint(2, 8)),
        lambda: "/".join(rng.choice(SPELLING_LIST) for _ in range(rng.randint(2, 4))),
        lambda: unit + "*" + unit + "/" + unit,
        lambda: "x" * rng.randint(30, 60),
        lambda: unit * rng.randint(2, 12),
    ]
    return f"{number} {rng.choice(choices)()}"


def mutate(text: str, rng: random.Random) -> str:
    """One mutation of a value string."""
    k = rng.randrange(12)
    if k <= 3:
        return _replace_unit(text, rng)
    if k == 4:                                                   # the number
        _, _, unit = text.partition(" ")
        return f"{rng.choice(ODD_NUMBERS)} {unit}".rstrip() if rng.random() < 0.9 else rng.choice(ODD_NUMBERS)
    if k == 5:                                                   # whitespace
        ws = rng.choice(WHITESPACE)
        r = rng.randrange(4)
        if r == 0:
            return ws + text
        if r == 1:
            return text + ws
        return text.replace(" ", ws, 1) if r == 2 else text.replace(" ", " " + ws, 1)
    if k == 6 and text:                                          # a character changed
        i = rng.randrange(len(text))
        c = rng.choice([rng.choice(UNICODE), chr(rng.randrange(32, 127)), "", text[i].swapcase(), text[i] * 2])
        return text[:i] + c + text[i + 1:]
    if k == 7:                                                   # unicode inserted
        i = rng.randrange(len(text) + 1)
        return text[:i] + rng.choice(UNICODE) + text[i:]
    if k == 8:                                                   # overlong
        n = rng.choice([79, 80, 81, 200, 5000])
        number, _, unit = text.partition(" ")
        return rng.choice([(number + " " + unit).ljust(n), "0" * max(0, n - len(text)) + text,
                           number + " " + (unit + "*" + unit) * (n // max(1, 2 * len(unit) + 2)),
                           number + "." + "0" * n + " " + unit])
    if k == 9:                                                   # percentages and bare numbers
        return rng.choice(["120 %", "-10 %", "100 %", "0 %", "100.0001 %", "1e2 %", "80%", "80 percent",
                           "0.5", "1", "1.0000001", "-0", "14", "0.14", "1 %", "1000000 %", "50 pct", "1.5"])
    if k == 10:                                                  # counting words, words
        number, _, unit = text.partition(" ")
        return f"{number} {rng.choice(['million', 'billion', 'thousand', 'trillion', 'k', 'per', 'of'])} {unit}"
    return text + rng.choice(["", " ", "/", "*", "^", "(", ")", " kg", "/h", "^2", "s", ".", "e3"])


def parse_outcome(text: str, dim: str) -> tuple[str, float | None, str]:
    """What parse_value does: ('accept', si, ''), ('refuse', None, message) or ('escape', None, why)."""
    from batcalc.errors import BatcalcError
    from batcalc.units import parse_value

    try:
        return "accept", parse_value(text, dim).si, ""
    except BatcalcError as exc:
        message = str(exc)
        if "\n" in message or "\r" in message or not message.strip():
            return "escape", None, f"error message not one line: {message!r}"
        return "refuse", None, message
    except Exception as exc:  # noqa: BLE001 - what escapes is the point
        return "escape", None, f"{type(exc).__name__}: {exc}"


def run_cli(args: list[str]) -> tuple[int, str]:
    """The console-script entry point in-process: (exit code, stderr)."""
    from batcalc.cli.main import main

    err, out = io.StringIO(), io.StringIO()
    code = 0
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b"kind: cell\n"), encoding="utf-8")   # for '-' (standard input)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = stdin
    return code, err.getvalue()


def cli_problem(args: list[str]) -> tuple[int, str | None]:
    """Run the CLI; the exit code and a problem (exit code, traceback, message lines), if any."""
    code, err = run_cli(args)
    lines = err.strip().splitlines()
    if code not in (0, 1, 2) or "Traceback" in err:
        return code, f"exit {code}: {err.strip()[-300:]!r}"
    if code == 2 and len(lines) != 1:
        return code, f"exit 2 with {len(lines)} lines on stderr: {err.strip()[:300]!r}"
    return code, None


def generate(rng: random.Random, pool: Pool) -> tuple[str, str]:
    dim = rng.choice(sorted(DIMS))
    text = well_formed(rng, pool, dim)
    for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 3])):
        text = mutate(text, rng)
    return text, dim


def check_case(text: str, dim: str) -> tuple[str, str | None]:
    """(outcome key for the counts, a problem line or None)."""
    ref = reference(text, dim)
    got, si, why = parse_outcome(text, dim)
    repro = f"parse_value({text!r}, {dim!r})"
    if got == "escape":
        return "escape", f"escape: {repro} -> {why[:200]}"
    if ref.kind == "unspecified":
        return f"unspecified {ref.why} -> code {got}", None
    if ref.kind != got:
        detail = f"reference: {ref.why}" if ref.kind == "refuse" else f"reference si {ref.si!r}"
        code = f"code: {why[:150]}" if got == "refuse" else f"code si {si!r}"
        return f"disagree ref {ref.kind} code {got}", f"disagree: {repro} ref {ref.kind}, code {got}; " \
                                                      f"{detail}; {code}"
    if got == "accept" and si is not None and ref.si is not None and not close(si, ref.si):
        return "disagree si", f"si differs: {repro} reference {ref.si!r}, code {si!r}"
    return f"agree {got}", None


def check_cli(text: str, dim: str) -> list[str]:
    """The CLI on one value: `convert` and, for a mass, `range --pack-mass`."""
    problems = []
    ref = reference(text, dim)
    if dim in CONVERT_TO:
        code, problem = cli_problem(["convert", "--", text, CONVERT_TO[dim]])
        repro = f"batcalc convert {text!r} {CONVERT_TO[dim]!r}"
        if problem:
            problems.append(f"cli: {repro}: {problem}")
        elif ref.kind == "refuse" and ref.grammar and code == 0:
            problems.append(f"cli disagree: {repro} exit 0; the reference refuses: {ref.why}")
        elif ref.kind == "accept" and code != 0 and dim != "fraction":
            problems.append(f"cli disagree: {repro} exit {code}; the reference accepts (si {ref.si!r})")
    if dim == "mass":
        args = ["range", "gac-aion-ssb-300", "-v", "mid-sedan", f"--pack-mass={text}"]
        code, problem = cli_problem(args)
        repro = "batcalc " + " ".join(repr(a) if " " in a or not a else a for a in args)
        if problem:
            problems.append(f"cli: {repro}: {problem}")
        elif ref.kind == "refuse" and code == 0:
            problems.append(f"cli disagree: {repro} exit 0; the reference refuses: {ref.why}")
    return problems


def run(seed: int, count: int, cli_every: int = 500) -> tuple[Counter[str], list[str]]:
    rng = random.Random(seed)
    pool = Pool(random.Random(seed))
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for n in range(count):
        text, dim = generate(rng, pool)
        key, problem = check_case(text, dim)
        counts[key] += 1
        if problem:
            problems.append(problem)
        if cli_every and n % cli_every == 0:
            counts["cli runs"] += 1
            found = check_cli(text, dim)
            counts["cli problems"] += len(found)
            problems += found
    return counts, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--cli-every", type=int, default=500, help="run every Nth case through the CLI too (0: never)")
    ap.add_argument("--show", type=int, default=20, help="print the first N problems of each kind")
    args = ap.parse_args()
    counts, problems = run(args.seed, args.count, args.cli_every)
    print(f"seed {args.seed} count {args.count}")
    for key, n in sorted(counts.items()):
        print(f"  {n:8d}  {key}")
    kinds: dict[str, list[str]] = {}
    for p in problems:
        kinds.setdefault(p.split(":")[0], []).append(p)
    for kind, found in kinds.items():
        print(f"{kind}: {len(found)} (first {min(len(found), args.show)}; deduplicated by message)")
        seen: set[str] = set()
        for p in found:
            sig = p.split(";")[-1][:60]
            if sig in seen:
                continue
            seen.add(sig)
            print("  " + p)
            if len(seen) >= args.show:
                break
    used = {k.split()[1] for k in counts if k.startswith("unspecified")}
    if used:
        print("questions the docs leave open (cases counted as 'unspecified'):")
        for key in sorted(used):
            print(f"  {key}: {QUESTIONS[key]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
