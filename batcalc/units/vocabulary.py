"""The unit names batcalc reads: the units and prefixes battery, vehicle and charging figures use.

pint knows thousands of units and every SI prefix on each, so a slip of the keyboard is often a
real unit to pint: ``480 kgr`` is 480 kilograins (31 kg), ``1 hs`` a hectosecond, ``350 Eh/kg``
exa-hartree per kilogram, ``5000 MAhs`` mega-ampere-hours, ``3 ktons`` kilo-short-tons. batcalc
therefore reads only the names listed here (docs/units.md shows the same list); each is still
converted by pint. A name outside the list is refused with the spelling most likely meant.

Each entry: a symbol or name, the SI prefixes it may carry (as symbols for symbols, as words for
names), and whether it takes a plural ``s`` (names only: ``hours``; never symbols, where ``hs``
would be hecto-seconds and ``grs`` grains).
"""

from __future__ import annotations

import difflib
from functools import lru_cache

#: prefix symbol -> prefix word (pint's; 'u' is the micro sign after the parser's rewrite of 'µ')
PREFIXES = {"u": "micro", "m": "milli", "c": "centi", "d": "deci", "k": "kilo", "M": "mega", "G": "giga", "T": "tera"}

#: (name, prefix symbols it may carry, what it is): symbols and names, grouped by what they measure.
#: Long names take the prefix words of the same symbols (``kilo`` + ``watt_hour``) and a plural 's'.
VOCABULARY: tuple[tuple[str, str, str, str, str], ...] = (
    # (group, symbol or name, "symbol" or "name", prefix symbols, meaning)
    ("energy", "Wh", "symbol", "mkMGT", "watt-hour"),
    ("energy", "watt_hour", "name", "mkMGT", "watt-hour"),
    ("energy", "J", "symbol", "kMG", "joule"),
    ("energy", "joule", "name", "kMG", "joule"),
    ("power", "W", "symbol", "mkMG", "watt"),
    ("power", "watt", "name", "mkMG", "watt"),
    ("power", "hp", "symbol", "", "horsepower (mechanical, 550 ft lbf/s = 745.7 W)"),
    ("power", "horsepower", "name", "", "horsepower (mechanical, 550 ft lbf/s = 745.7 W)"),
    ("charge", "Ah", "symbol", "mk", "ampere-hour"),
    ("charge", "ampere_hour", "name", "mk", "ampere-hour"),
    ("charge", "coulomb", "name", "", "coulomb (ampere-second; the symbol C is kept for C-rates)"),
    ("current", "A", "symbol", "mk", "ampere"),
    ("current", "ampere", "name", "mk", "ampere"),
    ("current", "amp", "name", "mk", "ampere (no plural: pint reads 'amps' as atto-metres per second)"),
    ("voltage", "V", "symbol", "mk", "volt"),
    ("voltage", "volt", "name", "mk", "volt"),
    ("mass", "g", "symbol", "mk", "gram"),
    ("mass", "gram", "name", "mk", "gram"),
    ("mass", "t", "symbol", "", "tonne (1000 kg)"),
    ("mass", "tonne", "name", "", "tonne (1000 kg)"),
    ("mass", "lb", "symbol", "", "pound (0.4536 kg)"),
    ("mass", "lbs", "symbol", "", "pound (0.4536 kg)"),
    ("mass", "pound", "name", "", "pound (0.4536 kg)"),
    ("length", "m", "symbol", "umcdk", "metre (dm^3 is a litre)"),
    ("length", "meter", "name", "umcdk", "metre"),
    ("length", "metre", "name", "umcdk", "metre"),
    ("length", "mi", "symbol", "", "mile (1609.344 m)"),
    ("length", "mile", "name", "", "mile (1609.344 m)"),
    ("length", "in", "symbol", "", "inch (25.4 mm)"),
    ("length", "inch", "name", "", "inch (25.4 mm)"),
    ("length", "ft", "symbol", "", "foot (0.3048 m)"),
    ("length", "foot", "name", "", "foot (0.3048 m)"),
    ("length", "feet", "symbol", "", "foot (0.3048 m)"),
    ("volume", "L", "symbol", "m", "litre"),
    ("volume", "l", "symbol", "m", "litre"),
    ("volume", "liter", "name", "m", "litre"),
    ("volume", "litre", "name", "m", "litre"),
    ("volume", "cc", "symbol", "", "cubic centimetre (1 mL)"),
    ("volume", "gal", "symbol", "", "US gallon (3.785 L)"),
    ("volume", "gallon", "name", "", "US gallon (3.785 L)"),
    ("time", "s", "symbol", "m", "second"),
    ("time", "sec", "symbol", "", "second"),
    ("time", "second", "name", "m", "second"),
    ("time", "min", "symbol", "", "minute"),
    ("time", "mins", "symbol", "", "minute"),
    ("time", "minute", "name", "", "minute"),
    ("time", "h", "symbol", "", "hour"),
    ("time", "hr", "symbol", "", "hour"),
    ("time", "hrs", "symbol", "", "hour"),
    ("time", "hour", "name", "", "hour"),
    ("time", "day", "name", "", "day"),
    ("time", "week", "name", "", "week"),
    ("time", "month", "name", "", "month (1/12 year)"),
    ("time", "year", "name", "", "year (365.25 days)"),
    ("time", "yr", "symbol", "", "year (365.25 days)"),
    ("speed", "mph", "symbol", "", "mile per hour"),
    ("speed", "kph", "symbol", "", "kilometre per hour"),
    ("force", "N", "symbol", "k", "newton"),
    ("force", "newton", "name", "k", "newton"),
    ("force", "lbf", "symbol", "", "pound-force"),
    ("temperature", "K", "symbol", "", "kelvin (temperatures themselves take °C, °F and K where one is asked for)"),
    ("temperature", "kelvin", "name", "", "kelvin"),
    ("temperature", "delta_degC", "symbol", "", "a temperature difference in °C"),
    ("temperature", "degC", "symbol", "", "°C: only where a temperature is asked for (--ambient), not in other values"),
    ("temperature", "°C", "symbol", "", "°C: only where a temperature is asked for (--ambient), not in other values"),
    ("temperature", "degF", "symbol", "", "°F: only where a temperature is asked for (--ambient), not in other values"),
    ("temperature", "°F", "symbol", "", "°F: only where a temperature is asked for (--ambient), not in other values"),
    ("fraction", "percent", "name", "", "percent (also written %)"),
    ("consumption", "MPGe", "symbol", "", "miles per gallon equivalent (33.705 kWh)"),
    ("consumption", "mpge", "symbol", "", "miles per gallon equivalent (33.705 kWh)"),
    ("currency", "yuan", "symbol", "", "Chinese yuan"),
    ("currency", "CNY", "symbol", "", "Chinese yuan"),
    ("currency", "RMB", "symbol", "", "Chinese yuan"),
    ("currency", "USD", "symbol", "", "US dollar"),
    ("currency", "EUR", "symbol", "", "euro"),
    ("currency", "euro", "name", "", "euro"),
)

#: Names the parser writes itself (``kWh/100km`` -> ``kWh/hundred_km``, a unitless value); not for users to type.
_INTERNAL = frozenset({"hundred_km", "hundred_mi", "dimensionless"})

#: Names pint reads as something other than what a spec writer means, with what to write instead.
MISREAD = {
    "gr": "'gr' is a grain (64.8 mg) to pint: write 'g' for grams",
    "grs": "'grs' are grains (64.8 mg) to pint: write 'g' for grams",
    "ton": "'ton' is a US short ton (907.2 kg) to pint: write 't' or 'tonne' for 1000 kg",
    "tons": "'tons' are US short tons (907.2 kg) to pint: write 't' or 'tonne' for 1000 kg",
    "MAh": "'MAh' would be mega-ampere-hours (1e6 Ah): write 'mAh' for milliampere-hours",
    **{a: f"{a!r} is an angle to pint (a cycle is 2 pi rad, not 1): write a count as a plain number, e.g. '800'"
       for a in ("cycle", "cycles", "turn", "turns", "revolution", "revolutions", "rad", "radian", "radians",
                 "deg", "degree", "degrees", "°", "sr", "steradian")},
}


@lru_cache(maxsize=1)
def spellings() -> frozenset[str]:
    """Every unit name batcalc reads: each entry of :data:`VOCABULARY` with its allowed prefixes
    (symbols on symbols, words on names) and, for names, the plural."""
    out: set[str] = set(_INTERNAL)
    for _group, word, kind, prefixes, _meaning in VOCABULARY:
        name = kind == "name"
        for p in ("", *prefixes):
            stem = (PREFIXES[p] if name and p else p) + word
            out.add(stem)
            if name and word not in ("feet", "percent", "amp"):     # pint reads 'amps' as atto-(m/s)
                out.add(stem + "s")
    return frozenset(out)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one character changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def suggestions(name: str) -> list[str]:
    """The spellings most likely meant by an unlisted unit name, best first (at most three): a case
    slip (``kwh`` -> ``kWh``), a symbol given a plural s (``kgs`` -> ``kg``, ``MAhs`` -> ``mAh``),
    else the listed spellings one keystroke away (``Eh`` -> ``Ah``, ``Wh``), else the closest."""
    known = spellings()
    lower = {s.lower(): s for s in sorted(known, key=lambda k: (len(k), k), reverse=True)}
    for stem in (name, name[:-1] if name.endswith("s") and len(name) > 1 else None):
        if stem is not None and stem.lower() in lower:
            return [stem if stem in known else lower[stem.lower()]]
    near = sorted(k for k in known if _one_edit(name, k) and k not in _INTERNAL)
    if near:
        return near[:3]
    return difflib.get_close_matches(name, sorted(known - _INTERNAL), n=1, cutoff=0.6)


def refusal(name: str, reading: str = "") -> str | None:
    """Why ``name`` (one unit name, ``u`` for micro) is not read, in one line naming the spelling
    meant, or None if it is in the vocabulary. ``reading`` is what pint would have made of it."""
    if name in spellings():
        return None
    pint_says = f"pint would read it as {reading}" if reading and reading != name else ""
    if name in MISREAD:
        return f"ambiguous unit: {MISREAD[name]}"
    hints = suggestions(name)
    meant = " or ".join(repr(h) for h in hints)
    if len(hints) == 1 and hints[0].lower() == name.lower():
        return f"unknown unit {name!r} (did you mean {meant}? units are case-sensitive)"
    why = "; ".join(x for x in (pint_says, f"did you mean {meant}?" if hints else "") if x)
    return (f"unknown unit {name!r}" + (f" ({why})" if why else "")
            + ": batcalc reads the units listed in docs/units.md")
