"""A test-only reference of batcalc's value grammar, written from the documentation alone.

Sources read: docs/spec-format.md ("Values"), docs/units.md (rules and the vocabulary table, which
this module reads at import: the unit names, whether each is a symbol or a name, and its prefixes),
docs/limits.md (lengths, magnitudes, exponents, parentheses, refusals), docs/claims.md (asserted
values, counting words, C-rates, fractions) and docs/usage.md. It does not read or import
``batcalc.units``: the SI factors below are worked out here from definitions (SI prefixes, 1 Wh =
3600 J, 1 mi = 1609.344 m, 1 lb = 0.45359237 kg, ...). It is the oracle of ``tools/fuzz_values.py``
and ``tests/test_fuzz_short.py``.

``reference(text, dim)`` returns a :class:`Verdict`: ``accept`` (with the SI value), ``refuse``, or
``unspecified`` where the documentation does not decide; each unspecified verdict carries the question
(one of :data:`QUESTIONS`), which is a documentation gap to close, not something to copy from the code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

# --- the documentation's open questions (each an "unspecified" verdict) ------------------------------
QUESTIONS = {
    "space": "Q1 whitespace: is leading/trailing whitespace stripped, may number and unit be separated by "
             "no space, several spaces, a tab, a line break (\\n, \\r, U+2028) or a no-break space (`350Wh/kg`, "
             "`80%`, `350  Wh/kg`, `3\\n kg`)? The docs only show `<number> <unit>` with one space.",
    "times-signs": "Q16 times signs: units.md says names combine with `*` and `/`; claims.md's expressions also "
                   "take `x`, `×` and `·` for times. Are `×` and `·` read inside a value's unit (`kW·h`)?",
    "space-operator": "Q15 spaces around operators: limits.md says a space does not multiply (`350 Wh kg`) and "
                      "claims.md that a unit has no spaces inside; is `350 Wh / kg` one unit?",
    "number-form": "Q2 numbers: are `1e3`, `.5`, `5.` and a leading `+` numbers? limits.md says `<decimal "
                   "number>` with ASCII digits and claims.md writes `1e18`, `+30 %`, but neither says which "
                   "forms are read.",
    "mul-after-div": "Q3 precedence: `Wh/kg*h` - is it (Wh/kg)*h or Wh/(kg*h)? units.md says division is "
                     "not chained but not whether a product may follow it.",
    "power-form": "Q4 powers: are `**2`, `^0`, `^-1`, `¹`, `⁴` and a power of a power (`(m^2)^3`) allowed? "
                  "units.md shows `^2` and `m²`, 'whole powers up to 4'.",
    "micro": "Q5 micro: is the Greek small letter mu (U+03BC) read like the micro sign µ (U+00B5)?",
    "number-in-unit": "Q6 numbers in units: `kWh/100km` and `kWh/100mi` are 'the one place a number sits in "
                      "a unit'; what of `1/h`, `kWh/100 km` or `(kWh/100km)`?",
    "c-rate-units": "Q7 C-rates: 'a C-rate is <number> C'; is a C-rate also read from 1/h, A/Ah or %/min?",
    "dimensionless-units": "Q8 dimensionless units: may a fraction, count or number be written with `%` "
                           "(a count or a drag coefficient), or with a unit that cancels (`Wh/Wh`, `m/km`)?",
    "percent-range": "Q9 percentages: is a fraction outside 0-100 % (`120 %`, `-10 %`) refused by the value "
                     "grammar? assumptions.md refuses it for overrides only; claims.md bounds bare numbers only.",
    "count-form": "Q10 counts: may a count be negative or fractional (`2.5`, `-3`)?",
    "mpge": "Q11 MPGe: units.md lists MPGe as a consumption unit, but it is distance per energy; is "
            "`120 MPGe` read as a consumption (inverted) or refused as the wrong dimension?",
    "force-consumption": "Q12 consumption and force share a dimension (J/m = N): is `150 N` a consumption, "
                         "or `150 Wh/km` a force?",
    "counting-word": "Q13 counting words: which words (claims.md shows `million`, `billion`), are they part of "
                     "every value or of claim figures only, and is the 1e18 limit on the number written or "
                     "scaled?",
    "length-stripped": "Q14 lengths: is the 80-character limit on the value as written or as stripped?",
}


class Unspecified(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(QUESTIONS[key])
        self.key = key


class Refused(Exception):
    def __init__(self, why: str, grammar: bool = True) -> None:
        super().__init__(why)
        self.grammar = grammar


@dataclass(frozen=True)
class Verdict:
    kind: str                 # "accept", "refuse" or "unspecified"
    si: float | None = None   # the SI value when accepted
    why: str = ""             # why refused, or the question (a key of QUESTIONS)
    grammar: bool = False     # refused whatever the dimension (a malformed value, an unknown unit)


# --- dimensions: exponents of (m, kg, s, A, K, CNY, USD, EUR) ----------------------------------------
BASES = ("m", "kg", "s", "A", "K", "CNY", "USD", "EUR")


def dims(**exps: int) -> tuple[int, ...]:
    return tuple(exps.get(b, 0) for b in BASES)


ONE = dims()
LENGTH, MASS, TIME, CURRENT = dims(m=1), dims(kg=1), dims(s=1), dims(A=1)
ENERGY = dims(kg=1, m=2, s=-2)
POWER = dims(kg=1, m=2, s=-3)
FORCE = dims(kg=1, m=1, s=-2)

#: batcalc's dimension names (the names parse_value takes) with their dimensions. The names are the
#: API's; each dimension is the physics of its label.
DIMS: dict[str, tuple[int, ...]] = {
    "specific_energy": dims(m=2, s=-2), "energy_density": dims(kg=1, m=-1, s=-2), "energy": ENERGY,
    "mass": MASS, "length": LENGTH, "area": dims(m=2), "volume": dims(m=3),
    "voltage": dims(kg=1, m=2, s=-3, A=-1), "charge": dims(A=1, s=1), "current": CURRENT, "time": TIME,
    "power": POWER, "speed": dims(m=1, s=-1), "force": FORCE, "consumption": FORCE,
    "force_per_speed": dims(kg=1, s=-1), "force_per_speed2": dims(kg=1, m=-1),
    "fraction": ONE, "c_rate": dims(s=-1), "count": ONE, "number": ONE,
}

# --- SI factors from definitions ----------------------------------------------------------------------
HOUR = 3600.0
YEAR = 365.25 * 86400.0
MILE = 1609.344
POUND = 0.45359237
GALLON = 231 * 0.0254 ** 3          # the US gallon is 231 cubic inches
STANDARD_GRAVITY = 9.80665
FOOT = 0.3048
HORSEPOWER = 550 * FOOT * POUND * STANDARD_GRAVITY   # mechanical: 550 ft lbf/s = 745.69987 W

#: base unit name in docs/units.md -> (SI factor, dimension). Offset temperatures are None: refused
#: in values ("elsewhere an offset temperature unit is refused"; no dimension parse_value takes is a
#: temperature).
FACTORS: dict[str, tuple[float, tuple[int, ...]] | None] = {
    "Wh": (HOUR, ENERGY), "watt_hour": (HOUR, ENERGY), "J": (1.0, ENERGY), "joule": (1.0, ENERGY),
    "W": (1.0, POWER), "watt": (1.0, POWER), "hp": (HORSEPOWER, POWER), "horsepower": (HORSEPOWER, POWER),
    "Ah": (HOUR, dims(A=1, s=1)), "ampere_hour": (HOUR, dims(A=1, s=1)), "coulomb": (1.0, dims(A=1, s=1)),
    "A": (1.0, CURRENT), "ampere": (1.0, CURRENT), "amp": (1.0, CURRENT),
    "V": (1.0, DIMS["voltage"]), "volt": (1.0, DIMS["voltage"]),
    "g": (1e-3, MASS), "gram": (1e-3, MASS), "t": (1000.0, MASS), "tonne": (1000.0, MASS),
    "lb": (POUND, MASS), "lbs": (POUND, MASS), "pound": (POUND, MASS),
    "m": (1.0, LENGTH), "meter": (1.0, LENGTH), "metre": (1.0, LENGTH), "mi": (MILE, LENGTH),
    "mile": (MILE, LENGTH), "in": (0.0254, LENGTH), "inch": (0.0254, LENGTH), "ft": (0.3048, LENGTH),
    "foot": (0.3048, LENGTH), "feet": (0.3048, LENGTH),
    "L": (1e-3, dims(m=3)), "l": (1e-3, dims(m=3)), "liter": (1e-3, dims(m=3)), "litre": (1e-3, dims(m=3)),
    "cc": (1e-6, dims(m=3)), "gal": (GALLON, dims(m=3)), "gallon": (GALLON, dims(m=3)),
    "s": (1.0, TIME), "sec": (1.0, TIME), "second": (1.0, TIME), "min": (60.0, TIME), "mins": (60.0, TIME),
    "minute": (60.0, TIME), "h": (HOUR, TIME), "hr": (HOUR, TIME), "hrs": (HOUR, TIME), "hour": (HOUR, TIME),
    "day": (86400.0, TIME), "week": (7 * 86400.0, TIME), "month": (YEAR / 12, TIME), "year": (YEAR, TIME),
    "yr": (YEAR, TIME),
    "mph": (MILE / HOUR, dims(m=1, s=-1)), "kph": (1000 / HOUR, dims(m=1, s=-1)),
    "N": (1.0, FORCE), "newton": (1.0, FORCE), "lbf": (POUND * STANDARD_GRAVITY, FORCE),
    "K": (1.0, dims(K=1)), "kelvin": (1.0, dims(K=1)), "delta_degC": (1.0, dims(K=1)),
    "degC": None, "°C": None, "degF": None, "°F": None,
    "percent": (0.01, ONE),
    "MPGe": (MILE / (33.705 * 1000 * HOUR), dims(kg=-1, m=-1, s=2)),
    "mpge": (MILE / (33.705 * 1000 * HOUR), dims(kg=-1, m=-1, s=2)),
    "yuan": (1.0, dims(CNY=1)), "CNY": (1.0, dims(CNY=1)), "RMB": (1.0, dims(CNY=1)),
    "USD": (1.0, dims(USD=1)), "EUR": (1.0, dims(EUR=1)), "euro": (1.0, dims(EUR=1)),
}

PREFIX_SYMBOLS = {"µ": 1e-6, "u": 1e-6, "m": 1e-3, "c": 1e-2, "d": 1e-1, "k": 1e3, "M": 1e6, "G": 1e9,
                  "T": 1e12}
PREFIX_WORDS = {"micro": 1e-6, "milli": 1e-3, "centi": 1e-2, "deci": 1e-1, "kilo": 1e3, "mega": 1e6,
                "giga": 1e9, "tera": 1e12}
COUNTING_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}   # see Q13

MAX_VALUE_LENGTH, MAX_UNIT_LENGTH, MAX_EXPONENT, MAX_PAREN_DEPTH = 80, 40, 4, 3
MIN_MAGNITUDE, MAX_MAGNITUDE, MIN_UNIT_FACTOR, MAX_UNIT_FACTOR = 1e-18, 1e18, 1e-100, 1e100


def _vocabulary_table() -> list[tuple[str, str, list[str]]]:
    """(unit, kind, prefixes) rows of the table in docs/units.md."""
    rows = []
    for line in (DOCS / "units.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].startswith("`"):
            unit, kind, prefixes = cells[1].strip("`"), cells[2], cells[3]
            listed = [] if prefixes == "none" else [p.strip() for p in prefixes.split(",")]
            prefix_list: list[str] = []
            for p in listed:               # "µ (u)": the micro sign, also written u
                m = re.fullmatch(r"(\S+) \((\S+)\)", p)
                prefix_list += [m.group(1), m.group(2)] if m else [p]
            rows.append((unit, kind, prefix_list))
    return rows


def _spellings() -> dict[str, tuple[float, tuple[int, ...]] | None]:
    """Every spelling the rules of docs/units.md allow -> its SI factor and dimension."""
    out: dict[str, tuple[float, tuple[int, ...]] | None] = {}

    def add(spelling: str, value: tuple[float, tuple[int, ...]] | None) -> None:
        if spelling in out and out[spelling] != value:
            raise AssertionError(f"docs/units.md reads {spelling!r} two ways")
        out[spelling] = value

    rows = _vocabulary_table()
    if len(rows) < 50:
        raise AssertionError("docs/units.md: the vocabulary table was not found")
    for unit, kind, prefixes in rows:
        if unit not in FACTORS:
            raise AssertionError(f"docs/units.md lists {unit!r}, which this reference has no factor for")
        base = FACTORS[unit]
        add(unit, base)
        if kind == "name" and unit not in ("percent", "amp"):   # "a plural s (hours, kilowatt_hours)", "except
            # percent and amp"
            add(unit + "s", base)
        for p in prefixes:
            scale = PREFIX_SYMBOLS[p] if kind == "symbol" else PREFIX_WORDS[p]
            value = None if base is None else (scale * base[0], base[1])
            add(p + unit, value)
            if kind == "name" and unit not in ("percent", "amp"):   # "except percent and amp, with or
                add(p + unit + "s", value)                           # without a prefix"
    add("%", FACTORS["percent"])                         # "% and percent are fractions"
    return out


SPELLINGS = _spellings()
KWH_PER_100 = {"kWh/100km": (1000 * HOUR / 100_000, FORCE), "kWh/100mi": (1000 * HOUR / (100 * MILE), FORCE)}
ENERGY_WORDS = ("Wh", "J", "joule", "watt_hour")
FORCE_WORDS = ("N", "newton", "lbf")

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_LOOSE_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_µ°%]+")
_SUPERSCRIPTS = {"²": 2, "³": 3}
_OTHER_SUPERSCRIPTS = "¹⁴⁵⁶⁷⁸⁹⁰⁻"


def _has_control(text: str) -> bool:
    return any((ord(c) < 32 and not c.isspace()) or (0x7f <= ord(c) < 0xa0 and not c.isspace())
               or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or c in "\u200e\u200f\u061c"
               for c in text)


class _Unit:
    """A recursive-descent reading of a unit: unit := product ['/' product]; product := power
    ('*' power)*; power := atom [('^' digits) | ² | ³]; atom := name | '(' unit ')'."""

    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def read(self) -> tuple[float, tuple[int, ...]]:
        factor, dim = self.unit(0)
        if self.i != len(self.text):
            raise Refused(f"unexpected {self.peek()!r} in the unit")
        return factor, dim

    def unit(self, depth: int) -> tuple[float, tuple[int, ...]]:
        f, d = self.product(depth)
        if self.peek() == "/":
            self.i += 1
            g, e = self.product(depth, after_division=True)
            f, d = f / g, tuple(a - b for a, b in zip(d, e, strict=True))
            if self.peek() == "/":
                raise Refused("division is chained")
        return f, d

    def product(self, depth: int, after_division: bool = False) -> tuple[float, tuple[int, ...]]:
        f, d = self.power(depth)
        while self.peek() in ("*", "×", "·"):
            if self.peek() != "*":
                raise Unspecified("times-signs")
            if self.text[self.i:self.i + 2] == "**":
                raise Unspecified("power-form")
            if after_division:
                raise Unspecified("mul-after-div")
            self.i += 1
            g, e = self.power(depth)
            f, d = f * g, tuple(a + b for a, b in zip(d, e, strict=True))
        return f, d

    def power(self, depth: int) -> tuple[float, tuple[int, ...]]:
        f, d = self.atom(depth)
        c = self.peek()
        n = None
        if c == "^":
            self.i += 1
            m = re.match(r"[0-9]+", self.text[self.i:])
            if not m:
                if self.peek() in "-+":
                    raise Unspecified("power-form")
                raise Refused("a power without a whole number")
            self.i += m.end()
            n = int(m.group())
            if n == 0:
                raise Unspecified("power-form")
        elif c in _SUPERSCRIPTS:
            self.i += 1
            n = _SUPERSCRIPTS[c]
        elif c and c in _OTHER_SUPERSCRIPTS:
            raise Unspecified("power-form")
        if n is None:
            return f, d
        if n > MAX_EXPONENT:
            raise Refused("an exponent above 4")
        if self.peek() in ("^", *_SUPERSCRIPTS, *_OTHER_SUPERSCRIPTS):
            raise Unspecified("power-form")
        return f ** n, tuple(a * n for a in d)

    def atom(self, depth: int) -> tuple[float, tuple[int, ...]]:
        c = self.peek()
        if c == "(":
            if depth + 1 > MAX_PAREN_DEPTH:
                raise Refused("parentheses more than 3 deep")
            self.i += 1
            f, d = self.unit(depth + 1)
            if self.peek() != ")":
                raise Refused("unbalanced parentheses")
            self.i += 1
            return f, d
        if c in "×·":
            raise Unspecified("times-signs")
        if c == "μ":                                     # Greek mu, not the micro sign
            raise Unspecified("micro")
        m = _NAME.match(self.text, self.i)
        if not m:
            if c.isdigit():
                raise Unspecified("number-in-unit") if c == "1" and self.text[self.i + 1:self.i + 2] == "/" \
                    else Refused("a number inside a unit")
            raise Refused(f"unexpected {c!r} in the unit")
        name = m.group()
        self.i = m.end()
        if name in ("%", "percent") and self.text != name:
            # docs/units.md: `%` and `percent` are fractions, written alone
            raise Refused(f"{name!r} combined with other units", grammar=False)
        if name == "C":
            raise Refused("C is a C-rate, written '<number> C' alone")
        if name not in SPELLINGS:
            raise Refused(f"unknown unit {name!r}")
        value = SPELLINGS[name]
        if value is None:
            raise Refused(f"offset temperature unit {name!r}", grammar=False)
        return value


def _read_unit(unit: str) -> tuple[float, tuple[int, ...]]:
    if unit in KWH_PER_100:
        return KWH_PER_100[unit]
    if "100km" in unit or "100mi" in unit or "100 km" in unit or "100 mi" in unit:
        raise Unspecified("number-in-unit")
    if any(c.isspace() for c in unit):
        if re.search(r"\s[*/^)]|[*/^(]\s", unit) and not re.search(r"[\w%)²³]\s+[\w%(]", unit):
            raise Unspecified("space-operator")
        raise Refused("a space inside a unit (a space does not multiply)")
    if len(unit) > MAX_UNIT_LENGTH:
        raise Refused("unit longer than 40 characters")
    return _Unit(unit).read()


def _verdict(text: str, dim: str) -> Verdict:
    if _has_control(text):
        raise Refused("a control or bidirectional character")
    if len(text) > MAX_VALUE_LENGTH:
        if len(text.strip()) <= MAX_VALUE_LENGTH:
            raise Unspecified("length-stripped")
        raise Refused("value longer than 80 characters")
    if text != text.strip(" ") or "  " in text or any(c.isspace() and c != " " for c in text):
        # before Q1 is answered, see whether the value is malformed anyway
        squeezed = " ".join(text.split())
        inner = _verdict(squeezed, dim) if squeezed and squeezed != text else Verdict("refuse", why="empty")
        if inner.kind == "refuse" and inner.grammar:
            return inner
        raise Unspecified("space")
    if not text:
        raise Refused("empty")
    head, _, rest = text.partition(" ")
    if not _NUMBER.fullmatch(head):
        if _LOOSE_NUMBER.fullmatch(head):
            raise Unspecified("number-form")
        m = _LOOSE_NUMBER.match(head)
        if m and m.end() > 0 and not head[m.end():m.end() + 1].isdigit() and head[m.end():].strip() and \
                head[m.end():][0] not in "_,:xXoObB" and re.fullmatch(r"[A-Za-z%µ°(]", head[m.end()]):
            raise Unspecified("space")           # '350Wh/kg', '80%'
        raise Refused(f"not a decimal number: {head!r}")
    number = float(head)
    if number != 0 and not MIN_MAGNITUDE <= abs(number) <= MAX_MAGNITUDE:
        raise Refused("magnitude out of range")
    scale = 1.0
    word, _, after = rest.partition(" ")
    if word in COUNTING_WORDS and after:
        # claims.md reads counting words in claim figures; whether parse_value reads them is Q13
        raise Unspecified("counting-word")
    want = DIMS[dim]
    if not rest:
        if " " in text:
            raise Refused("a space and no unit")
        if want != ONE:
            raise Refused("a bare number where a unit is needed", grammar=False)
        if dim == "fraction" and not 0 <= number <= 1:
            raise Refused("a bare fraction outside 0-1", grammar=False)
        if dim == "count" and (number < 0 or number != int(number)):
            raise Unspecified("count-form")
        return Verdict("accept", number)
    unit = rest
    if unit == "C":
        if dim != "c_rate":
            raise Refused("C is a C-rate only", grammar=False)
        return Verdict("accept", number * scale / HOUR)
    factor, got = _read_unit(unit)
    if not MIN_UNIT_FACTOR <= factor <= MAX_UNIT_FACTOR:
        raise Refused("unit size out of range")
    if dim == "c_rate":
        if got == want:
            raise Unspecified("c-rate-units")
        raise Refused("a C-rate is '<number> C'", grammar=False)
    if dim == "consumption" and unit in ("MPGe", "mpge"):
        raise Unspecified("mpge")
    if got != want:
        raise Refused(f"wrong dimension for {dim}", grammar=False)
    if want == ONE:
        if dim == "count" and unit:
            raise Refused("a count is a plain number, without a unit or %", grammar=False)
        if unit not in ("%", "percent") or dim != "fraction":
            raise Unspecified("dimensionless-units")
        if not 0 <= number * scale <= 100:
            raise Unspecified("percent-range")
    if dim in ("consumption", "force") and unit not in KWH_PER_100:
        names = set(re.findall(r"[A-Za-z_]+", unit))
        words = FORCE_WORDS if dim == "consumption" else ENERGY_WORDS
        if any(n == w or n.endswith(w) or n.endswith(w + "s") for n in names for w in words):
            raise Unspecified("force-consumption")
    return Verdict("accept", number * scale * factor)


def reference(text: str, dim: str) -> Verdict:
    """What the documentation says ``parse_value(text, dim)`` does."""
    try:
        return _verdict(text, dim)
    except Refused as exc:
        return Verdict("refuse", why=str(exc), grammar=exc.grammar)
    except Unspecified as exc:
        return Verdict("unspecified", why=exc.key)


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return a == b or math.isclose(a, b, rel_tol=rel, abs_tol=0.0)
