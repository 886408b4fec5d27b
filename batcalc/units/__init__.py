"""Units: the value grammar, the one parse path of values, the pint bridge, and display unit systems.

Units live at the edges: spec files, claim files, command-line options and sweep grids give values
such as ``350 Wh/kg``; :func:`parse_value` checks them against a strict grammar and a dimension and
returns their SI magnitude (:class:`Parsed`). Common units are read with the unit table
(``table.py``, generated from pint) without loading pint; any other unit goes through pint
(:func:`parse_quantity`, :func:`parse_unit`), built on first use. The calculation layer works on
plain SI floats; results are turned back into display units (:func:`from_si`, :func:`shown`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional, TypeAlias, TypedDict, TypeVar

from batcalc.errors import BatcalcError, UnitError

if TYPE_CHECKING:      # numpy is imported where it is used (start-up time)
    import numpy as np
    from numpy.typing import NDArray

#: pint objects as the bridge hands them around. pint ships annotations, but its arithmetic gives Any
#: and its magnitudes and exponents are typed as any number (complex included), so they are Any here.
PintRegistry: TypeAlias = Any
PintQuantity: TypeAlias = Any
PintUnit: TypeAlias = Any
PintDimensionality: TypeAlias = Any
#: An SI magnitude, or an array of them (the converters work on both and return the same kind).
Magnitude = TypeVar("Magnitude", float, "NDArray[np.float64]")

#: kWh of electricity per US gallon of gasoline equivalent, the EPA's MPGe definition
#: (US EPA/DOE fueleconomy.gov, "MPGe": 33.705 kWh = 1 gallon of gasoline).
KWH_PER_GALLON_EQUIVALENT = 33.705


def mpge(consumption: float) -> float:
    """Miles per gallon equivalent of a consumption ``c`` in J/m: the miles driven on 33.705 kWh,
    ``MPGe = 33.705 x 3.6e6 J / c / 1609.344 m`` (:data:`KWH_PER_GALLON_EQUIVALENT`); e.g. 540 J/m
    (15 kWh/100 km) is 139.6. Infinite for a consumption of 0."""
    return math.inf if consumption == 0 else KWH_PER_GALLON_EQUIVALENT * 3.6e6 / consumption / 1609.344

_DEFINITIONS = (
    f"MPGe = mile / ({KWH_PER_GALLON_EQUIVALENT} * kilowatt_hour) = mpge",
    "hundred_km = 100 * kilometer",
    "hundred_mi = 100 * mile",
    # currencies, for market and growth claims ("1.95 billion yuan": the claims layer scales the number)
    "yuan = [currency_cny] = CNY = RMB", "USD = [currency_usd] = US_dollar",
    "EUR = [currency_eur] = euro",
)


@lru_cache(maxsize=1)
def ureg() -> PintRegistry:
    """The package's single pint UnitRegistry, created on first use (pint costs ~0.4 s to load)."""
    import pint

    registry: PintRegistry = pint.UnitRegistry(cache_folder=None)
    for line in _DEFINITIONS:
        registry.define(line)
    return registry


def Q_(magnitude: Any, unit: str) -> PintQuantity:
    """A Quantity of the package registry; ``unit`` uses the same spellings as spec files."""
    return ureg().Quantity(magnitude, _pint_unit_expr(unit))


@dataclass(frozen=True)
class Dimension:
    """A physical dimension batcalc uses: its name, a human label, an example and its SI unit."""

    name: str
    label: str
    example: str
    si: str


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("specific_energy", "specific energy", "Wh/kg", "J/kg"),
    Dimension("energy_density", "volumetric energy density", "Wh/L", "J/m^3"),
    Dimension("energy", "energy", "Wh", "J"),
    Dimension("mass", "mass", "kg", "kg"),
    Dimension("length", "length", "mm", "m"),
    Dimension("area", "area", "m^2", "m^2"),
    Dimension("volume", "volume", "L", "m^3"),
    Dimension("voltage", "voltage", "V", "V"),
    Dimension("charge", "electric charge", "Ah", "A*s"),
    Dimension("current", "current", "A", "A"),
    Dimension("time", "time", "min", "s"),
    Dimension("power", "power", "kW", "W"),
    Dimension("speed", "speed", "km/h", "m/s"),
    Dimension("force", "force", "N", "N"),
    Dimension("consumption", "consumption per distance", "Wh/km", "J/m"),
    Dimension("force_per_speed", "force per speed", "N/(km/h)", "N*s/m"),
    Dimension("force_per_speed2", "force per speed squared", "N/(km/h)^2", "N*s^2/m^2"),
    Dimension("fraction", "fraction", "%", "dimensionless"),
    Dimension("c_rate", "C-rate", "C", "1/s"),   # charge current / capacity; shown in C = 1/h
    Dimension("count", "count", "", "dimensionless"),    # cycles: a plain number
    Dimension("number", "dimensionless number", "", "dimensionless"),  # C_d, C_rr
)}

#: Counting words a claim's figure may carry after its number, and what each multiplies it by ('1.95 billion
#: yuan'): read by the claims layer (:func:`batcalc.claims.expr.counted`); elsewhere a value names none.
COUNTING = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

#: Display units by system: dimension name -> unit label (as written in spec files). Categories of a
#: dimension shown otherwise: ``distance`` (a range, km or mi) and ``altitude`` (a length in m or ft: an
#: altitude, a drive cycle's distance in a message) of ``length``.
SYSTEMS: dict[str, dict[str, str]] = {
    "metric": {
        "specific_energy": "Wh/kg", "energy_density": "Wh/L", "energy": "Wh", "mass": "kg",
        "length": "mm", "area": "m^2", "volume": "L", "voltage": "V", "charge": "Ah",
        "current": "A", "time": "min", "power": "kW", "speed": "km/h", "force": "N",
        "consumption": "Wh/km", "force_per_speed": "N/(km/h)", "force_per_speed2": "N/(km/h)^2",
        "fraction": "%", "distance": "km", "altitude": "m", "c_rate": "C", "count": "cycles",
    },
    "imperial": {
        "specific_energy": "Wh/lb", "energy_density": "Wh/in^3", "energy": "Wh", "mass": "lb",
        "length": "in", "area": "ft^2", "volume": "in^3", "voltage": "V", "charge": "Ah",
        "current": "A", "time": "min", "power": "kW", "speed": "mph", "force": "lbf",
        "consumption": "Wh/mi", "force_per_speed": "lbf/mph", "force_per_speed2": "lbf/mph^2",
        "fraction": "%", "distance": "mi", "altitude": "ft", "c_rate": "C", "count": "cycles",
    },
}

# Strict grammar. A value is ``<number> [unit]``:
#   number  := [+-] (digits [. digits] | . digits) [e [+-] 1-3 digits]      ASCII digits only
#   unit    := '1' '/' power | product ['/' power]      at most one '/' per level: 'Wh/(kg*h)'
#   product := power ('*' power)*                       '*', '·' or '×'; a space is not a product
#   power   := atom [('^' | '**') exponent]        exponent: nonzero integer, |e| <= MAX_EXPONENT
#   atom    := name | '%' | '(' unit ')'                 at most MAX_PAREN_DEPTH levels of '('
# Spaces are allowed around operators but never mean multiplication: pint reads '350 Wh kg' as
# Wh*kg and 'Wh/kg h' or 'W/m*K' as (W/m)*K, so those are refused rather than misread.
# Patterns needed only for rarer inputs are kept as text and compiled on first use (re caches
# them): compiling them all at import would cost every command start-up time.
#: The word that joins the ends of a range ('250 to 300 Wh/kg', '0.75 to 0.85'); never a minus sign,
#: which subtracts in claim expressions. Read by spec values, assumption ranges and command-line options.
RANGE_TO = re.compile(r"\s+to\s+")
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?"
_VALUE_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})(?![0-9.,])\s*(?P<unit>.*?)\s*$", re.DOTALL)
_DECIMAL_COMMA = r"^\s*[+-]?[0-9]+,[0-9]"
#: Characters that look like a minus sign and are not '-': minus sign, en and em dash, hyphen, figure dash,
#: small and fullwidth hyphen-minus.
_MINUS_LOOKALIKES = frozenset("\u2212\u2013\u2014\u2010\u2012\ufe63\uff0d")
#: A unit that starts with a dash and a number: a range written '70-90 kWh' (hyphen, figure, en or em dash, minus).
_DASH_RANGE = r"[-\u2012\u2013\u2014\u2212]\s*(?=[0-9.])"   # compiled on first use (re caches it)
#: A unit that starts as groups of three digits: the number had a space as thousands separator ('1 000 km',
#: a thin or no-break space too), read as 1 of the unit '000 km'. Compiled on first use (re caches it).
_THOUSANDS_SPACE = r"[0-9]{3}(?:\s+[0-9]{3})*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?(?:\s|$)"
_UNIT_TOKEN = r"""
    (?P<ws>\s+)
  | (?P<name>[A-Za-z°Ωµμ][A-Za-z_Ωµμ]*)
  | (?P<pct>%)
  | (?P<pow>\*\*|\^)
  | (?P<mul>[*·⋅×])
  | (?P<div>/)
  | (?P<lp>\()
  | (?P<rp>\))
  | (?P<int>[0-9]+)
  | (?P<minus>-)
"""
_SUPERSCRIPT = "[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
_SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
_PER_100 = r"/\s*100\s*(km|mi)\b"
_NOT_DECIMAL_RE = re.compile(r"^\s*[+-]?(?:0(?:[xX][0-9a-fA-F]|[oO][0-7]|[bB][01])|[0-9.]+[_:][0-9])")
MAX_VALUE_LENGTH = 80
MAX_UNIT_LENGTH = 40
MAX_EXPONENT = 4
MAX_PAREN_DEPTH = 3
#: Magnitudes a value may have, in its own unit: beyond this no battery figure is meant, and products
#: of such numbers could overflow to inf downstream. (A value that underflows, '1e-999', is refused.)
MAX_MAGNITUDE = 1e18
MIN_MAGNITUDE = 1e-18
#: Size range of a unit in SI units: a value's SI magnitude stays within 1e-118..1e118, so even its square is a float.
MAX_UNIT_FACTOR = 1e100
MIN_UNIT_FACTOR = 1e-100
#: Units allowed for dimensionless values (fractions, counts, coefficients): 0.8, '80 %', '80 percent'.
#: pint would also take 'rad', '°', 'ppm', 'pi', 'cycles' (= 2 pi radians!) or 'kg/kg' as plain numbers.
_DIMENSIONLESS_UNITS = ("", "%", "percent")


def _pint_unit_expr(unit: str) -> str:
    """Rewrite the spellings people use into pint's: ``kWh/100km`` -> ``kWh/hundred_km``.

    A lone ``C`` is not rewritten (pint reads it as coulomb); C-rates are parsed by the spec layer
    and shown through :func:`from_si` with the label ``C`` meaning 1/h.
    """
    expr = re.sub(_PER_100, lambda m: "/hundred_" + m.group(1), unit.strip())
    return expr.replace("·", "*").replace("µ", "u").replace("μ", "u")


class _UnitParser:
    """Recursive-descent check of a unit string against the grammar above.

    Produces an explicit pint expression (``N/(km/h)**2``) and the list of unit names in it.
    """

    def __init__(self, unit: str, shown: str):
        self.shown = shown
        self.tokens: list[tuple[str, str, bool]] = []   # (kind, text, preceded by whitespace)
        pos, space = 0, False
        token = re.compile(_UNIT_TOKEN, re.VERBOSE)       # from re's cache after the first unit
        while pos < len(unit):
            m = token.match(unit, pos)
            if not m:
                ch = unit[pos]
                what = f"character {ch!r}" + (f" (U+{ord(ch):04X})" if not ch.isascii() else "")
                raise self.error(f"unexpected {what}")
            pos = m.end()
            kind = m.lastgroup or ""          # every alternative of the pattern is a named group
            if kind == "ws":
                space = True
                continue
            self.tokens.append((kind, m.group(), space))
            space = False
        self.i = 0
        self.names: list[str] = []
        self.atoms = 0

    def error(self, why: str) -> UnitError:
        return UnitError(f"malformed unit {self.shown!r}: {why}")

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str, bool]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> str:
        if not self.tokens:
            raise self.error("expected a unit such as 'Wh/kg'")
        first = self.tokens[0]
        if first[0] == "name" and first[1].lower() in COUNTING:
            raise self.error(f"a counting word ({first[1]!r}, x{COUNTING[first[1].lower()]:g}) is read only in a "
                             f"claim's figures (asserted values, ratio, difference, product and growth inputs, "
                             f"expressions): write the number in full")
        expr = self.unit(0)
        if self.i < len(self.tokens):
            kind, text, space = self.tokens[self.i]
            if kind in ("name", "pct", "lp"):
                raise self.error(f"join units with '*' or '/' before {text!r}" +
                                 (" (a space does not multiply: pint would silently read 'Wh kg' as Wh*kg)"
                                  if space else ""))
            if kind in ("div", "mul") and self.i == len(self.tokens) - 1:
                raise self.error("it ends with an operator")
            if kind in ("div", "mul"):
                raise self.error("after '/' give one unit or a parenthesised group, e.g. 'Wh/(kg*h)': "
                                 "'a/b/c' and 'a/b*c' are ambiguous")
            if kind == "rp":
                raise self.error("unbalanced ')'")
            raise self.error(f"unexpected {text!r}")
        return expr

    def unit(self, depth: int) -> str:
        if self.peek() == "int" and self.tokens[self.i][1] == "1" and self.i + 1 < len(self.tokens) \
                and self.tokens[self.i + 1][0] == "div":
            self.i += 2                      # '1/h'
            return "1/" + self.power(depth)
        expr = self.product(depth)
        if self.peek() == "div":
            self.take()
            expr += "/" + self.power(depth)
        return expr

    def product(self, depth: int) -> str:
        parts = [self.power(depth)]
        while self.peek() == "mul":
            self.take()
            parts.append(self.power(depth))
        return "*".join(parts)

    def power(self, depth: int) -> str:
        base = self.atom(depth)
        if self.peek() != "pow":
            return base
        start = self.i
        if self.take()[2]:                   # 'm ^2', 'mm\u2028³': an exponent belongs to the name before it
            raise self.error("no space before an exponent: write e.g. 'm^2' or 'm²'")
        paren = self.peek() == "lp"
        if paren:
            self.take()
        sign = ""
        if self.peek() == "minus":
            self.take()
            sign = "-"
        if self.peek() != "int":
            raise self.error("an exponent must be a whole number, e.g. 'm^2' or 'h^-1'")
        digits = self.take()[1]
        if paren:
            if self.peek() != "rp":
                raise self.error("an exponent must be a whole number, e.g. 'm^2' or 'h^-1'")
            self.take()
        if any(space for _kind, _text, space in self.tokens[start + 1:self.i]):
            raise self.error("no space inside an exponent: write e.g. 'm^2' or 'h^-1'")
        value = int(digits) if len(digits) <= 6 else 10 ** 6
        if value == 0 or digits.startswith("0"):
            raise self.error(f"exponent {sign}{digits} is not a nonzero whole number")
        if value > MAX_EXPONENT:
            raise UnitError(f"exponent {sign}{digits} too large in unit {self.shown!r} (at most {MAX_EXPONENT})")
        if self.peek() == "pow":
            raise self.error("chained exponents are not allowed")
        return f"{base}**{sign}{value}" if not sign else f"{base}**({sign}{value})"

    def atom(self, depth: int) -> str:
        kind = self.peek()
        if kind is None:
            raise self.error("it ends with an operator")
        text = self.take()[1]
        if kind == "name":
            if "__" in text or text.endswith("_"):
                raise self.error(f"{text!r} is not a unit name")
            if text[0] in "µμ":
                if len(text) == 1:
                    raise self.error("'µ' is a prefix, not a unit: write e.g. 'µm'")
                text = "u" + text[1:]        # micro sign and Greek mu are both pint's 'u' prefix
            if text == "C":
                raise UnitError("unit 'C' is ambiguous: pint reads it as coulomb, batteries use it for C-rates; "
                                "write 'A*s' (or 'coulomb') for a charge, and '<number> C' only where a C-rate "
                                "is expected")
            self.names.append(text)
            self.atoms += 1
            return text
        if kind == "pct":
            self.names.append("percent")
            self.atoms += 1
            return "percent"
        if kind == "lp":
            if depth >= MAX_PAREN_DEPTH:
                raise self.error(f"more than {MAX_PAREN_DEPTH} levels of parentheses")
            inner = self.unit(depth + 1)
            if self.peek() != "rp":
                raise self.error("unbalanced '('" if self.peek() is None else
                                 "after '/' give one unit or a parenthesised group, e.g. 'Wh/(kg*h)'")
            self.take()
            return f"({inner})"
        if kind == "int":
            raise self.error("numbers may appear in a unit only as exponents ('m^2', not 'm2'); "
                             "'kWh/100km' and 'kWh/100mi' are the only exceptions")
        raise self.error(f"unexpected {text!r}")


def _check_unit_text(unit: str) -> tuple[str, tuple[str, ...], int]:
    """Check a unit string against the grammar; return (pint expression, unit names, atom count)."""
    import unicodedata

    if len(unit) > MAX_UNIT_LENGTH:
        raise UnitError(f"unit too long ({len(unit)} characters, at most {MAX_UNIT_LENGTH})")
    shown = unit.strip()
    text = unicodedata.normalize("NFC", shown)          # the ohm sign U+2126 becomes Greek omega
    text = text.replace("\u2212", "-")                    # the minus sign in 'h^−1'
    text = re.sub(_SUPERSCRIPT, lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)   # 'm²' -> 'm^2'
    text = re.sub(_PER_100, lambda m: "/hundred_" + m.group(1), text)
    parser = _UnitParser(text, shown)
    expr = parser.parse()
    return expr, tuple(parser.names), parser.atoms


@lru_cache(maxsize=256)
def _unit_name(name: str) -> PintUnit:
    """pint Units of one unit name from batcalc's vocabulary (:mod:`batcalc.units.vocabulary`), or
    UnitError naming the spelling meant; cached."""
    from batcalc.units.vocabulary import refusal, spellings

    if name not in spellings():
        try:                         # what pint would have made of it, if anything: 'kgr' is a kilograin
            readings = ureg().parse_unit_name(name)
        except Exception:            # pint's parser on an odd name: still only a hint
            readings = ()
        raise UnitError(refusal(name, "".join(readings[0]) if readings else "") or name)
    try:
        return ureg().parse_units(name)
    except Exception as exc:  # unreachable while tests/test_vocabulary.py passes; never a crash
        raise UnitError(f"unknown unit {name!r} ({type(exc).__name__})") from None


def _multiplies(one: Any) -> bool:
    """Whether pint Units ``one`` multiply like ordinary units: offset (``degC``) and logarithmic
    (``dB``, ``octave``) units refuse ``1 u * 1 u`` with pint's public OffsetUnitCalculusError."""
    import pint

    q = ureg().Quantity(1.0, one)
    try:
        q * q
    except pint.errors.OffsetUnitCalculusError:
        return False
    return True


@lru_cache(maxsize=512)
def parse_unit(unit: str) -> PintUnit:
    """Parse a unit label (``Wh/kg``, ``kWh/100km``, ``MPGe``) into pint Units; UnitError if unknown.

    Refused besides malformed text: offset temperature units (``°C``, ``degF``: arithmetic on them is
    ambiguous), a dimensionless unit combined with others (``Wh/kg*%``, ``pi*Wh``), and any unit with
    a power above :data:`MAX_EXPONENT` once combined.
    """
    if not unit.strip():
        return ureg().dimensionless
    expr, names, atoms = _check_unit_text(unit)
    shown = unit.strip()
    registry = ureg()
    for name in names:
        try:
            one = _unit_name(name)
        except UnitError as exc:
            raise UnitError(f"{exc} in {shown!r}" if atoms > 1 else str(exc)) from None
        if not _multiplies(one):          # the vocabulary's only such units are °C and °F
            raise UnitError(f"offset temperature unit {name!r} is not supported here (a temperature is read "
                            f"only where one is asked for, as --ambient or with_conditions(ambient=...); use 'K' "
                            f"or 'delta_degC' for a temperature difference)")
        if atoms > 1 and one.dimensionless:
            raise UnitError(f"dimensionless unit {name!r} cannot be combined with other units in {shown!r}")
    try:
        result = registry.parse_units(expr)
    except Exception as exc:  # the grammar should make this unreachable; never let pint's errors escape
        raise UnitError(f"malformed unit {shown!r}: {type(exc).__name__}") from None
    for name, exponent in registry.Quantity(1.0, result).unit_items():
        if abs(exponent) > MAX_EXPONENT:
            raise UnitError(f"unit {shown!r} has {name}^{exponent:g}: powers above {MAX_EXPONENT} are not allowed")
    for name, exponent in result.dimensionality.items():     # 'Gpc^4*Mpc^4*kpc^4' is [length]^12
        if abs(exponent) > MAX_EXPONENT:
            raise UnitError(f"unit {shown!r} has {name}^{exponent:g}: powers above {MAX_EXPONENT} are not allowed")
    try:                                                      # 'Qm^4*Qs^4*QA^4' is 1e360 SI units
        factor = float(registry.get_root_units(result)[0])
    except (OverflowError, ZeroDivisionError):
        factor = math.inf
    if not MIN_UNIT_FACTOR <= factor <= MAX_UNIT_FACTOR:
        raise UnitError(f"unit {shown!r} is out of range: it is {factor:.3g} SI units (at most "
                        f"{MAX_UNIT_FACTOR:g}, at least {MIN_UNIT_FACTOR:g})")
    return result


def check_magnitude(number: float, text: str) -> float:
    """Check that a parsed number is finite and within [MIN_MAGNITUDE, MAX_MAGNITUDE] (or zero)."""
    if not math.isfinite(number):
        raise UnitError(f"value {text!r} is not a finite number")
    if abs(number) > MAX_MAGNITUDE:
        raise UnitError(f"value {text!r} is too large (at most {MAX_MAGNITUDE:g} in its unit)")
    if number != 0 and abs(number) < MIN_MAGNITUDE:
        raise UnitError(f"value {text!r} is too small (at least {MIN_MAGNITUDE:g} in its unit, or 0)")
    return number


def check_result(value: Any, what: str, unit: str = "", why: str = "") -> Any:
    """``value`` (a computed result's SI magnitude in ``unit``: a float or a numpy array) unchanged when
    every element is finite and at most :data:`MAX_MAGNITUDE` in size; else a :class:`BatcalcError`
    naming ``what`` and the number, with ``why`` (what it rests on) appended. Results are held to the
    limit inputs are (a value's magnitude in its unit), here in SI, so that no inf, NaN or number no
    battery, vehicle or charger has is ever printed as an answer."""
    if isinstance(value, (float, int)) and abs(value) <= MAX_MAGNITUDE:     # the common case, without numpy
        return value
    import numpy as np

    x = np.asarray(value, dtype=float)
    if x.size and bool(np.all(np.abs(x) <= MAX_MAGNITUDE)):     # the common case; NaN fails it
        return value
    bad = x.ravel()[~(np.abs(x.ravel()) <= MAX_MAGNITUDE)]
    first = float(bad[0]) if bad.size else math.nan
    unit_text = f" {unit}" if unit else ""
    why_text = f" ({why})" if why else ""
    if math.isfinite(first):
        raise BatcalcError(f"{what} comes out at {first:.4g}{unit_text}{why_text}: beyond {MAX_MAGNITUDE:g}"
                           f"{unit_text}, the largest magnitude batcalc gives; check the inputs for a typo")
    raise BatcalcError(f"{what} is not a finite number ({first}{unit_text}){why_text}: the inputs give no "
                       f"meaningful result")


def split_value(text: str) -> tuple[float, str]:
    """Split ``'350 Wh/kg'`` into ``(350.0, 'Wh/kg')`` by the strict grammar; UnitError otherwise.

    Only ASCII digits and '.' as decimal point: Python's float() would also take '３５０' (fullwidth),
    '٣٥٠' (Arabic-Indic) and '1_000', and a decimal comma ('3,6 V') must not turn into something else.
    """
    if not isinstance(text, str):
        raise UnitError(f"expected a string '<number> <unit>', got {type(text).__name__}")
    if len(text) > MAX_VALUE_LENGTH:
        raise UnitError(f"value too long ({len(text)} characters, at most {MAX_VALUE_LENGTH})")
    if _NOT_DECIMAL_RE.match(text):
        raise UnitError(f"malformed value {text.strip()!r}: write a plain decimal number (no hex, octal, "
                        f"'1_000' or '1:20' forms)")
    m = _VALUE_RE.match(text)
    if not m:
        stripped = text.strip()
        if any(ch.isdigit() and not ch.isascii() for ch in stripped):
            raise UnitError(f"malformed value {stripped!r}: write numbers with ASCII digits 0-9")
        if re.match(_DECIMAL_COMMA, stripped):
            raise UnitError(f"malformed value {stripped!r}: use '.' as the decimal point and no thousands "
                            f"separator, e.g. '3.6 V' or '4900 mAh'")
        if stripped[:1] in _MINUS_LOOKALIKES and stripped[1:2].isdigit():   # '−7 °C' from a web page: U+2212
            raise UnitError(f"malformed value {stripped!r}: write the minus sign as '-', not "
                            f"U+{ord(stripped[0]):04X}")
        raise UnitError(f"malformed value {stripped!r}: expected '<number> <unit>', e.g. '350 Wh/kg'")
    num, unit = m.group("num", "unit")
    if unit[:1].isdigit() and re.match(_THOUSANDS_SPACE, unit):
        raise UnitError(f"malformed value {text.strip()!r}: use '.' as the decimal point and no thousands "
                        f"separator, e.g. '3.6 V' or '4900 mAh'")
    number = float(num)
    if not MIN_MAGNITUDE <= abs(number) <= MAX_MAGNITUDE:     # zero, out of range or not finite
        check_magnitude(number, text.strip())
        if number == 0 and any(d in num.lower().partition("e")[0] for d in "123456789"):   # '1e-999'
            raise UnitError(f"value {text.strip()!r} is too small (at least {MIN_MAGNITUDE:g} in its unit, or 0)")
    return number, unit


def range_parts(text: str) -> list[str]:
    """The parts of a range ``'LOW to HIGH unit'`` (or ``'LOW to CENTRAL to HIGH unit'``), split at
    :data:`RANGE_TO`, each with its unit: a part written without one takes the last part's, so
    ``'70 to 90 kWh'`` gives ``['70 kWh', '90 kWh']``; a part with a counting word alone (a claim's
    figure, :data:`COUNTING`) takes the last part's unit after its own counting word, so ``'0.4 million to
    0.5 million km'`` gives ``['0.4 million km', '0.5 million km']``. A part that is not
    ``<number> <unit>`` is left as written (its reader reports it); empty parts stay empty. A last part
    whose number is not read (``'400 to inf km'``, ``'1e999 km'``) still lends what follows its number, so
    that its reader reports it, not a part before it ("'400' has no unit")."""
    parts = [p.strip() for p in RANGE_TO.split(text.strip())]
    try:
        last_unit = split_value(parts[-1])[1].strip()
    except UnitError:
        words = parts[-1].split(maxsplit=1)
        try:                                 # what follows its number is a unit: 'inf km', not 'about 500 km'
            split_value(f"1 {words[1]}")
        except (UnitError, IndexError):
            return parts
        last_unit = words[1]
    words = last_unit.split(maxsplit=1)
    plain_unit = words[1] if len(words) == 2 and words[0].lower() in COUNTING else \
        "" if last_unit.lower() in COUNTING else last_unit
    out = []
    for part in parts:
        try:
            unit = split_value(part)[1].strip() if part != "" else None
        except UnitError:
            unit = None
        if unit == "" and last_unit:
            out.append(f"{part} {last_unit}")
        elif unit is not None and unit.lower() in COUNTING and plain_unit:
            out.append(f"{part} {plain_unit}")
        else:
            out.append(part)
    return out


def range_ends(text: str) -> list[str]:
    """The two ends of a range ``'LOW to HIGH unit'`` (:func:`range_parts`: the unit written once), or
    ``[]`` when ``text`` is not two non-empty figures joined by 'to': a claim's asserted range and its
    ``plausible`` range, as a claims file and ``batcalc claim`` write them."""
    ends = range_parts(text)
    return ends if len(ends) == 2 and all(ends) else []


@lru_cache(maxsize=64)
def _dimensionality(dim: str) -> PintDimensionality:
    return parse_unit(DIMENSIONS[dim].si).dimensionality


def describe_units(units: PintUnit | PintQuantity | PintDimensionality) -> str:
    """A short human name of the dimension of pint units (or a Quantity), for error messages:
    batcalc's own name where it has one (``a voltage``), both where two share it (``a force or consumption
    per distance``: J/m = N, so that '16 kWh/100km' is not called a force alone), else pint's
    (``[length] / [mass]``)."""
    dims = units.dimensionality if hasattr(units, "dimensionality") else units
    labels = [d.label for name, d in DIMENSIONS.items()
              if name not in ("count", "number", "c_rate") and d.si and _dimensionality(name) == dims]
    if "fraction" in labels:
        return "a plain number"
    if labels:
        return f"{'an' if labels[0][0] in 'aeiou' else 'a'} {' or '.join(labels)}"
    return str(dims)


#: Dimensions whose values are plain numbers: no unit, '%' or 'percent'.
_PLAIN_DIMS = ("fraction", "number", "count")


class Parsed(NamedTuple):
    """A value read by :func:`parse_value`.

    ``si``: the magnitude in the SI unit of the expected dimension (C-rates in 1/s; with no expected
    dimension, in pint's base units); ``number`` and ``unit``: the number and unit label as written
    ('' for none, '1/h' for a C-rate written '2 C'); ``text``: what to show for it (the text stripped,
    ``f'{n:g}'`` for a bare number from a file, ``'2 C'`` for a C-rate); ``dims``: the dimension
    signature (pint's dimensionality as text, e.g. ``'[length] ** 2 / [time] ** 2'``).
    """

    si: float
    number: float
    unit: str
    text: str
    dims: str


def _fraction_rule(number: float, raw: Any) -> None:
    """The fraction rule, the one place it is coded: a bare number is a fraction only from 0 to 1
    ('0.8'); '80' could mean 80 % or 8000 %, so it is refused as ambiguous (write '80 %').

    ``raw`` is what was given, quoted in the message: text as ``'80'``, a number from a file as
    ``80`` (a whole float as ``80``, not ``80.0``)."""
    if not 0 <= number <= 1:
        if isinstance(raw, str):
            shown = repr(raw.strip())
        else:
            shown = f"{raw:g}"
            shown = shown if float(shown) == raw else repr(raw)
        raise UnitError(f"bare number {shown} is ambiguous for a fraction: write '{number:g} %' or a "
                        f"fraction between 0 and 1")


def _check_form(number: float, unit: str, shown: str, dim: str | None, example_unit: str | None = None) -> None:
    """Checks of a split value that need no units: the dimension is known, a dimensionless value has
    no unit, '%' or 'percent' (and obeys the fraction rule), any other value has a unit (the message's
    example in ``example_unit``, else the dimension's example unit)."""
    if dim is None:
        return
    if dim not in DIMENSIONS:
        raise UnitError(f"unknown dimension {dim!r}")
    if dim in _PLAIN_DIMS:
        if unit not in _DIMENSIONLESS_UNITS:
            d = DIMENSIONS[dim]
            raise UnitError(f"{shown!r} is not {'an' if d.label[0] in 'aeiou' else 'a'} {d.label}: write a plain "
                            f"number{' or a percentage' if dim == 'fraction' else ''}, e.g. "
                            f"'{ {'fraction': '80 %', 'count': '1000'}.get(dim, '0.25')}'")
        if dim == "fraction" and not unit:
            _fraction_rule(number, shown)
    elif not unit:
        d = DIMENSIONS[dim]
        article = "an" if d.label[0] in "aeiou" else "a"
        raise UnitError(f"{shown!r} has no unit: expected {article} {d.label}, "
                        f"e.g. '{number:g} {example_unit or d.example}'")


def parse_value(raw: Any, dim: str | None = None, example_unit: str | None = None) -> Parsed:
    """Read a value given as text (``'350 Wh/kg'``, ``'80 %'``, ``'2 C'``) or as a number from a file,
    expecting dimension ``dim`` (a name in :data:`DIMENSIONS`; None: any dimension, angles refused).

    The one parse path of values: spec files, claim files, command-line options, sweep grids and
    constant-speed cycles all come here. The number follows the strict grammar of
    :func:`split_value`; units in :data:`COMMON_UNITS` are converted with the unit table (no pint);
    other units go through pint (:func:`parse_quantity`), which also words the errors. A bare number
    is allowed only for dimensionless values (:func:`_fraction_rule` for fractions); a C-rate is
    ``'<number> C'`` (C = 1/h). Raises :class:`UnitError` with a one-line message, whose example of a
    right value uses ``example_unit`` when given (``km`` for a range, where a length's is ``mm``).
    """
    if not isinstance(raw, str):
        return _parse_number(raw, dim, example_unit)
    number, unit = split_value(raw)
    unit = unit.strip()
    shown = raw.strip()
    if unit and dim is not None:                          # the common cases first: a table unit, a percentage
        if dim in _PLAIN_DIMS:
            if unit == "%" or unit == "percent":
                if dim == "count":          # '1000 %' is no count of 10 cycles
                    raise UnitError(f"{shown!r} is a percentage: a count is a plain number, e.g. '1000'")
                return Parsed(number / 100.0, number, unit, shown, "dimensionless")
        else:
            units, dims = _TABLE or _load_table()
            entry = units.get(unit)
            if entry is not None and entry[1] == dims.get(dim):
                return Parsed(number * entry[0], number, unit, shown, entry[1])
    _check_form(number, unit, shown, dim, example_unit)
    if dim in _PLAIN_DIMS:
        return Parsed(number / 100.0 if unit else number, number, unit, shown, "dimensionless")
    if dim == "c_rate" and unit == "C":
        return Parsed(number / 3600.0, number, "1/h", f"{number:g} C", "1 / [time]")
    entry = _table_entry(unit or "dimensionless", dim)
    if entry is not None:
        return Parsed(number * entry[0], number, unit, shown, entry[1])
    q = parse_quantity(raw, dim, example_unit)      # any other unit: pint, with its checks and messages
    if dim is None:
        return Parsed(float(q.to_base_units().magnitude), number, unit, shown, str(q.dimensionality))
    return Parsed(to_si(q, dim), number, unit, shown, unit_table()["dims"][dim])


def _parse_number(raw: Any, dim: str | None, example_unit: str | None = None) -> Parsed:
    """A value a file gave as a number: only dimensionless values may be bare numbers (finite and in
    range); booleans, null, lists and mappings are refused (YAML ``true`` is not 1)."""
    if dim is None:
        raise UnitError(f"expected a string '<number> <unit>', got {type(raw).__name__}")
    d = DIMENSIONS[dim]
    article = "an" if d.label[0] in "aeiou" else "a"        # 'an energy', as _check_form writes it
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        got = repr(raw) if isinstance(raw, (bool, type(None))) else f"a {type(raw).__name__}"
        got = got if len(got) <= 60 else got[:57] + "..."
        example = "2 C" if dim == "c_rate" else ("1 " + (example_unit or d.example)).strip()
        example = "1000" if example == "1" and dim == "count" else example       # a count has no unit
        raise UnitError(f"expected {article} {d.label} such as '{example}', got {got}")
    number = float(raw) if abs(raw) < 1e300 else float("inf")
    check_magnitude(number, str(raw) if len(str(raw)) <= 30 else str(raw)[:27] + "...")
    if dim == "c_rate":
        raise UnitError(f"bare number {raw!r}: write a C-rate as '<number> C', e.g. '{number:g} C'")
    if dim not in _PLAIN_DIMS:
        raise UnitError(f"bare number {raw!r} needs a unit: expected {article} {d.label}, e.g. "
                        f"'{number:g} {example_unit or d.example}'")
    if dim == "fraction":
        _fraction_rule(number, raw)
    return Parsed(number, number, "", f"{raw:g}", "dimensionless")


@lru_cache(maxsize=64)
def _signature(dims: str) -> tuple[tuple[str, float], ...]:
    """A dimension signature (``'[length] ** 2 / [time] ** 2'``) as sorted (base, exponent) pairs,
    so that pint's different orderings of the same dimension compare equal."""
    out: dict[str, float] = {}
    for m in re.finditer(r"(^|\s[*/]\s)(\[\w+\]|1)(?: \*\* (-?[0-9.]+))?", dims):
        if m.group(2) != "1":
            exponent = float(m.group(3) or 1) * (-1 if "/" in m.group(1) else 1)
            out[m.group(2)] = out.get(m.group(2), 0) + exponent
    return tuple(sorted((k, v) for k, v in out.items() if v))


def _table_entry(unit: str, dim: str | None) -> list[Any] | None:
    """``[SI factor, signature]`` of a unit label from the unit table when it has dimension ``dim``
    (any dimension if None), else None (not a common unit, or the wrong dimension: pint words that)."""
    entry: list[Any] | None = unit_table()["units"].get(unit)
    if entry is None or dim is None or entry[1] == unit_table()["dims"][dim]:
        return entry
    return entry if _signature(entry[1]) == _signature(unit_table()["dims"][dim]) else None


def parse_quantity(text: str, dim: str | None = None, example_unit: str | None = None) -> PintQuantity:
    """Parse ``'<number> <unit>'`` into a pint Quantity, checking the dimension ``dim`` if given (the
    pint bridge behind :func:`parse_value`, for any unit pint knows).

    Raises :class:`UnitError` for malformed text, unknown units, non-finite or out-of-range numbers
    and values of the wrong dimension (naming the expected one with an example unit). Dimensionless
    values (``fraction``, ``number``, ``count``) take no unit, ``%`` or ``percent``; a C-rate is
    ``'<number> C'`` (C meaning 1/h).
    """
    number, unit = split_value(text)
    unit = unit.strip()
    shown = text.strip()
    _check_form(number, unit, shown, dim, example_unit)
    if dim == "c_rate" and unit == "C":
        return ureg().Quantity(number, parse_unit("1/h"))
    try:
        units = parse_unit(unit)
    except UnitError as exc:
        if RANGE_TO.search(shown):          # '100 to 200 km': not a malformed unit 'to 200 km'
            raise UnitError(f"{shown!r} is a range: give one value") from None
        dash = re.match(_DASH_RANGE, unit)   # '70-90 kWh', '70–90 kWh': not a malformed unit '-90 kWh'
        if dash:
            low = shown[:len(shown) - len(unit)].strip()
            raise UnitError(f"malformed value {shown!r}: write a range as 'LOW to HIGH unit', '{low} to "
                            f"{unit[dash.end():]}', not with a dash (or give one value)") from None
        raise UnitError(f"{exc} (in {shown!r})") from None
    q = ureg().Quantity(number, units)
    if dim is not None:
        check_dimension(q, dim, text, example_unit)
    return q


#: Unit labels whose SI factor and dimension are precomputed in ``unit_table.py`` (made from pint
#: by ``tools/make_unit_table.py``; a test checks the table against pint). Values in these units are
#: read without loading pint (~0.5-1 s); any other unit goes through pint as usual.
COMMON_UNITS = (
    "Wh/kg", "kWh/kg", "J/g", "kJ/g", "kJ/kg", "MJ/kg", "J/kg", "Wh/lb", "Wh/L", "kWh/L", "Wh/mL", "kWh/m^3",
    "J/mL", "J/m^3", "Wh/in^3", "Wh", "kWh", "MWh", "GWh", "mWh", "J", "kJ", "MJ", "kg", "g", "mg", "t", "lb",
    "mm", "cm", "m", "km", "mi", "in", "ft", "m^2", "cm^2", "ft^2", "L", "mL", "m^3", "in^3", "gal", "V", "mV",
    "kV", "Ah", "mAh", "A*s", "A", "mA", "s", "min", "h", "kW", "W", "MW", "hp", "km/h", "m/s", "mph", "N",
    "kN", "lbf", "Wh/km", "kWh/100km", "Wh/mi", "kWh/100mi", "J/m", "mi/kWh", "km/kWh", "MPGe", "N/(km/h)",
    "N/(km/h)^2", "N*s/m", "N*s^2/m^2", "lbf/mph", "lbf/mph^2", "1/h", "1/s", "dimensionless", "%",
    "yuan", "CNY", "RMB", "USD", "EUR",
)


class UnitTable(TypedDict):
    """The unit table: ``units`` maps a label to ``[SI factor, dimension signature]`` (a float and a
    str), ``dims`` a dimension name to its signature."""

    units: dict[str, list[Any]]
    dims: dict[str, str]


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """``{"units": {label: [SI factor, dimension signature]}, "dims": {dim name: signature}}``."""
    from batcalc.units.table import DIMS, UNITS

    return {"units": UNITS, "dims": DIMS}


_TABLE: list[dict[str, Any]] = []          # [UNITS, DIMS] once loaded: parse_value reads it per value


def _load_table() -> list[dict[str, Any]]:
    table = unit_table()
    _TABLE[:] = [table["units"], table["dims"]]
    return _TABLE


def build_unit_table() -> UnitTable:
    """The unit table computed with pint (what ``unit_table.py`` must hold)."""
    table: UnitTable = {"units": {}, "dims": {}}
    for label in COMMON_UNITS:
        u = parse_unit(label)
        table["units"][label] = [float(ureg().Quantity(1.0, u).to_base_units().magnitude), str(u.dimensionality)]
    for name, d in DIMENSIONS.items():
        table["dims"][name] = str(parse_unit(d.si).dimensionality)
    return table


def check_dimension(q: PintQuantity, dim: str, text: str | None = None, example_unit: str | None = None) -> None:
    """Raise UnitError unless Quantity ``q`` has the dimension named ``dim`` (the message's example unit
    ``example_unit``, else the dimension's); a value written the other way up (``3 mi/kWh`` for Wh/km)
    is told to be converted first, not given pint's dimension names."""
    if q.dimensionality != _dimensionality(dim):
        d = DIMENSIONS[dim]
        shown = text.strip() if text is not None else f"{q:~}"
        article = "an" if d.label[0] in "aeiou" else "a"
        unit = example_unit or d.example
        got = (f"its reciprocal: convert it first, e.g. batcalc convert '{shown}' {unit}" if dim not in _PLAIN_DIMS
               and q.dimensionality == _dimensionality(dim) ** -1 else describe_units(q))
        raise UnitError(f"{shown!r} is not {article} {d.label}: expected units like {unit}, got {got}")


@lru_cache(maxsize=1024)
def _factor(unit: str, target: str) -> float:
    """Multiplicative factor from ``unit`` to ``target`` (both labels); from the table when both are
    in it, else from pint; cached."""
    table = unit_table()["units"]
    a, b = table.get(unit), table.get(target)
    if a is not None and b is not None and a[1] == b[1]:
        return float(a[0] / b[0])
    return float(ureg().Quantity(1.0, parse_unit(unit)).to(parse_unit(target)).magnitude)


def to_si(q: PintQuantity, dim: str) -> float:
    """Magnitude of Quantity ``q`` in the SI unit of dimension ``dim`` (a plain float)."""
    check_dimension(q, dim)
    return float(q.to(parse_unit(DIMENSIONS[dim].si)).magnitude)


def from_si(value: Magnitude, dim: str, unit: str) -> Magnitude:
    """Convert an SI magnitude of dimension ``dim`` to the display unit ``unit`` (works on arrays)."""
    if dim in ("count", "number"):
        return value
    if dim == "c_rate" and unit == "C":
        unit = "1/h"
    return value * _factor(DIMENSIONS[dim].si, unit)


def display_unit(dim: str, system: str = "metric") -> str:
    """The unit label used to show dimension ``dim`` in unit system ``system``."""
    try:
        table = SYSTEMS[system]
    except KeyError:
        raise UnitError(f"unknown unit system {system!r}: choose metric or imperial") from None
    return table[dim]


def convert(text: str, target: str) -> float:
    """Convert a value string to the ``target`` unit; returns the magnitude in ``target``.

    Reciprocal pairs are converted by inversion when the dimensions are inverse to each other,
    e.g. consumption ``15 kWh/100km`` -> ``4.14 mi/kWh`` or ``139.6 MPGe`` (1 MPGe = 1 mile per
    33.705 kWh). Common units (:data:`COMMON_UNITS`) are converted with the unit table, without pint.
    """
    value = parse_value(text, None)
    to = unit_table()["units"].get(target.strip())
    if to is not None and (value.unit or "dimensionless") in unit_table()["units"]:      # both in the table
        same, mine = _signature(to[1]), _signature(value.dims)
        if mine == same:
            return value.si / float(to[0])
        if mine == tuple((k, -v) for k, v in same):
            if value.number == 0:
                raise UnitError(f"cannot convert {text.strip()!r} to {target}: the reciprocal of zero is infinite")
            return 1.0 / value.si / float(to[0])
    q = parse_quantity(text)          # uncommon units, and every error: pint
    target_units = parse_unit(target)
    if q.dimensionality == target_units.dimensionality:     # unit sizes are bounded (parse_unit): finite
        return float(q.to(target_units).magnitude)
    if q.dimensionality == (1 / target_units).dimensionality:
        if q.magnitude == 0:
            raise UnitError(f"cannot convert {text.strip()!r} to {target}: the reciprocal of zero is infinite")
        return float((1 / q).to(target_units).magnitude)
    raise UnitError(f"cannot convert {text.strip()!r} ({describe_units(q)}) to {target!r} "
                    f"({describe_units(target_units)}): the dimensions differ")


def format_number(x: float | None, digits: int = 4) -> str:
    """``x`` rounded to ``digits`` significant figures, without exponent for everyday magnitudes
    ('' for None)."""
    if x is None:
        return ""
    if digits == 4 and 1e-4 <= abs(x) < 1e3:     # the common case; same text as below, faster
        return f"{x:.4g}"
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    mag = math.floor(math.log10(abs(x)))
    if -4 <= mag < 9:
        decimals = max(digits - 1 - mag, 0)
        text = f"{round(x, decimals):.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{x:.{digits - 1}e}"


def display(si_value: Magnitude, dim: str, system: str = "metric",
            category: str | None = None) -> tuple[Magnitude, str]:
    """``(value, unit)`` of an SI magnitude shown in ``system``; ``category`` picks e.g. ``distance``
    (km/mi) instead of the plain ``length`` (mm/in) for the same dimension."""
    unit = display_unit(category or dim, system)
    return from_si(si_value, dim, unit), unit


#: A sweep axis: numbers (an exponent's e only before its digits) joined by ',' or ':', then the unit, which
#: may hold spaces where a value's may ('300 Wh / kg'); each number and the unit are then read as a value.
_GRID = r"^\s*(?P<nums>(?:[0-9+\-.,:\s]|[eE](?=[+\-]?[0-9]))++)(?P<unit>[A-Za-z%°µμ(].*?)\s*$"
MAX_GRID_POINTS = 20_000               # per axis
MAX_SWEEP_POINTS = 20_000              # a whole sweep grid printed by the CLI (about 1 s as a table; the library
                                       # has no limit)


def parse_grid(text: str, dim: str, option: str = "grid", example_unit: str | None = None) -> NDArray[np.float64]:
    """Values for a sweep axis, as a numpy array of SI magnitudes.

    ``'200:500:50 Wh/kg'`` is start:stop:step (stop included when on the step), ``'250,300,350 Wh/kg'``
    a list; the unit follows the numbers once. Each number written, with the unit, is read as one value
    (:func:`split_value`, :func:`parse_value`): a grid takes the numbers and units a single value takes
    (``'300 Wh / kg'``), with the same messages. ``example_unit`` is the unit the error's example shows
    (default: the dimension's example unit; ``km`` for ranges, where that is ``mm``).
    """
    import numpy as np

    usage = f"'start:stop:step unit' or 'a,b,c unit', e.g. '200:500:50 {example_unit or DIMENSIONS[dim].example}'"
    m = re.match(_GRID, text or "")
    if not m:
        raise UnitError(f"{option}: expected {usage}, got {text!r}")
    unit, nums = m.group("unit").strip(), m.group("nums").strip()
    if re.fullmatch(r"[0-9]{1,2}(,[0-9]{3})+", nums):      # "1,500 kg": 1500 or [1, 500]?
        raise UnitError(f"{option}: {nums!r} could be one number with thousands separators or a list: "
                        f"write '{nums.replace(',', '')}' or separate list values with ', '")
    parts = [x.strip() for x in nums.split(":" if ":" in nums else ",")]
    if any(not x or any(c.isspace() for c in x) for x in parts):
        raise UnitError(f"{option}: separate values with ',' (a list) or ':' (start:stop:step) in {text!r}")
    try:
        numbers = [float(x) for x in parts]
    except ValueError:      # '300-600 kg': a dash is no grid (nor a minus sign inside a number)
        dash = ": join the ends and the step with ':', not a dash" if any("-" in x.lstrip("+-") for x in parts) else ""
        raise UnitError(f"{option}: expected {usage}, got {text!r}{dash}") from None
    try:        # each number with the unit is a value of the one grammar: what '300 Wh / kg' reads, a grid reads
        for x in parts:
            split_value(f"{x} {unit}")                      # the number: ASCII digits, finite, in range
        parse_value(f"{parts[0]} {unit}", dim, example_unit)     # the unit: known, of the dimension
        factor = parse_value(f"1 {unit}", dim).si
    except UnitError as exc:
        raise UnitError(f"{option}: {exc}") from None
    if ":" in nums:
        if len(numbers) != 3:
            raise UnitError(f"{option}: expected three numbers, start:stop:step, in {text!r}; {usage.split(', ')[-1]}")
        start, stop, step = numbers
        if not step > 0 or stop < start:
            raise UnitError(f"{option}: need step > 0 and stop >= start in {text!r}")
        steps = (stop - start) / step
        if not math.isfinite(steps) or steps + 1 > MAX_GRID_POINTS:
            raise UnitError(f"{option}: more than {MAX_GRID_POINTS} points in {text!r}")
        values = start + step * np.arange(int(math.floor(steps + 1e-9)) + 1)
    else:
        values = np.array(numbers)
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise UnitError(f"{option}: no finite values in {text!r}")
    if np.any(values <= 0):
        raise UnitError(f"{option}: values must be positive in {text!r}")
    if np.any(values < MIN_MAGNITUDE):
        raise UnitError(f"{option}: values must be at least {MIN_MAGNITUDE:g} in {text!r}")
    return np.asarray(values * factor, dtype=np.float64)


# ------------------------------------------------------------------ values in display units

class Shown(NamedTuple):
    """A number in display units, e.g. ``Shown(350.0, 'Wh/kg')``; ``text`` overrides the cell text.

    (A named tuple: immutable like a frozen dataclass, and several times cheaper to create.)
    """

    value: Optional[float]
    unit: str = ""
    text: Optional[str] = None

    def json(self) -> Any:
        if self.value is None:
            return None
        return {"value": _json_number(self.value), "unit": self.unit}

    def __str__(self) -> str:
        if self.text is not None:
            return self.text
        if self.value is None:
            return ""
        return format_number(self.value)


_DISPLAY: dict[tuple[str, str, str | None], tuple[str, float]] = {}


def shown(si: Optional[float], dim: str, system: str = "metric", category: str | None = None) -> Shown:
    """An SI magnitude of dimension ``dim`` as a :class:`Shown` in ``system``'s display unit."""
    key = (dim, system, category)
    found = _DISPLAY.get(key)
    if found is None:
        unit = display_unit(category or dim, system)
        found = _DISPLAY[key] = (unit, float(from_si(1.0, dim, unit)))
    if si is None:
        return Shown(None, found[0])
    return Shown(float(si) * found[1], found[0])


def shown_text(si: Optional[float], dim: str, system: str = "metric", category: str | None = None,
               fmt: str | None = None) -> str:
    """:func:`shown` as text with its unit, ``'1270 kg'``: the number to 4 significant figures
    (:func:`format_number`), or in format ``fmt`` (``'.0f'``)."""
    s = shown(si, dim, system, category)
    return f"{s if fmt is None or s.value is None else format(s.value, fmt)} {s.unit}"


def error_in_systems(write: Callable[[str], str], cls: type[BatcalcError] = BatcalcError) -> BatcalcError:
    """An error (of class ``cls``) whose message shows physical values: ``write(system)`` is its text in
    unit ``system``, each value written with :func:`shown_text` or :func:`temperature_text`. ``str()``
    is the metric text; the command line shows the one ``--units`` asks for
    (:meth:`~batcalc.errors.BatcalcError.in_system`)."""
    return cls(write("metric")).shown_in({system: write(system) for system in SYSTEMS})


def _json_number(x: float) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return float(f"{x:.15g}") if isinstance(x, float) else x     # 15 significant digits: 1e-15 stays 1e-15


# ---------------------------------------------------------------------------------- temperatures

#: Temperature units: (scale, offset) to kelvin. Temperatures are offset units, which pint refuses to
#: multiply, so they are read here rather than through the quantity grammar. The spellings are the
#: temperature units of docs/units.md (batcalc.units.vocabulary; ``kelvin`` a name, so ``kelvins`` too).
TEMPERATURE_UNITS = {"K": (1.0, 0.0), "kelvin": (1.0, 0.0), "kelvins": (1.0, 0.0), "°C": (1.0, 273.15),
                     "degC": (1.0, 273.15), "°F": (5 / 9, 273.15 - 32 * 5 / 9), "degF": (5 / 9, 273.15 - 32 * 5 / 9)}
#: Temperature spellings people write that are not in docs/units.md, and the one meant: 'C' alone is a
#: C-rate (and coulomb to pint), 'F' farad to pint.
_TEMPERATURE_MEANT = {"C": "°C", "celsius": "°C", "Celsius": "°C", "\u2103": "°C", "F": "°F", "fahrenheit": "°F",
                      "Fahrenheit": "°F", "\u2109": "°F", "Kelvin": "K"}


def parse_temperature(text: str) -> float:
    """An absolute temperature, K, from ``'-7 °C'``, ``'25 degC'``, ``'77 °F'`` or ``'268 K'``: the number
    and unit split by the strict value grammar (:func:`split_value`), the unit one of
    :data:`TEMPERATURE_UNITS` (a spelling of :data:`_TEMPERATURE_MEANT`, ``'-7 C'``, is refused naming the
    one meant); absolute zero and below is refused."""
    number, unit = split_value(text)
    unit = unit.strip()
    if unit not in TEMPERATURE_UNITS:
        meant = _TEMPERATURE_MEANT.get(unit)
        if meant is not None:
            written = text.strip()[:len(text.strip()) - len(unit)].strip()    # the number as written
            raise UnitError(f"{text.strip()!r} is not a temperature batcalc reads: write '{written} {meant}' "
                            f"(temperatures take °C, degC, °F or K; docs/units.md)")
        raise UnitError(f"{text.strip()!r} is not a temperature: give °C, degC, °F or K, e.g. '-7 °C'")
    scale, offset = TEMPERATURE_UNITS[unit]
    kelvin = scale * number + offset
    if not kelvin > 0:
        raise UnitError(f"{text.strip()!r} is " + ("at" if kelvin == 0 else "below") + " absolute zero")
    return kelvin


def temperature_text(kelvin: float, system: str = "metric", fmt: str = ".4g") -> str:
    """An absolute temperature (K) as text in the unit system's scale, the number formatted with
    ``fmt`` (4 significant figures): ``'-7 °C'`` (metric) or ``'19.4 °F'`` (imperial), inverting
    :data:`TEMPERATURE_UNITS`."""
    unit = "°F" if system == "imperial" else "°C"
    scale, offset = TEMPERATURE_UNITS[unit]
    return f"{format((kelvin - offset) / scale, fmt)} {unit}"


def looks_like_value(text: str) -> bool:
    """Whether ``text`` reads as ``<number> <unit>`` (e.g. '300 Wh/kg'), not as a name: it starts with a
    number of the value grammar and has a unit after it."""
    try:
        _, unit = split_value(text)
    except UnitError:
        return False
    return bool(unit.strip())
