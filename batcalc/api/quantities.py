"""Quantities at the edge of the Python API: inputs with units in, pint Quantities out.

An input that needs a unit is a string (``'480 kg'``, ``'75 kWh'``) or a pint Quantity from any
registry; either is read by the project's one value parser, :func:`batcalc.units.parse_value`, into
an SI float for the physics layer. A Quantity is turned into text in its own unit where batcalc's unit
grammar reads that unit (:func:`given_text`: ``'480 km'``, so an error shows the value as it was given), else
in pint's root units (its magnitude and unit names after ``to_root_units()``, mass in kilogram:
``'1000.0 kilogram'``), so a Quantity of any registry, in any unit pint knows (``metric_ton``,
``slug``, ``kilocalorie``), is read by its dimension. A bare number where a unit is needed is a
:class:`TypeError` naming the unit expected; a value of the wrong dimension is a
:class:`~batcalc.errors.UnitError` (a :class:`~batcalc.errors.BatcalcError` and a :class:`ValueError`).

Results are Quantities of the package registry (:func:`batcalc.units.ureg`), made from SI floats with
:func:`as_quantity`; plain numbers (fractions, counts, ratios) stay floats.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any, Optional

from batcalc import units
from batcalc.errors import UnitError, printable

#: Dimensions whose values are plain numbers: a bare float is fine (a fraction from 0 to 1).
PLAIN = ("fraction", "number", "count")

#: Parameters that :func:`batcalc.range_bands` takes as a range ('400 to 500 kg'); the others take one value.
RANGED = ("pack_mass", "pack_energy")


def is_quantity(value: Any) -> bool:
    """Whether ``value`` looks like a pint Quantity of any registry (duck-typed: no pint import)."""
    return all(hasattr(value, a) for a in ("magnitude", "units", "to_tuple"))


def _unit_text(items: Any) -> str:
    """Unit names with their exponents (pint's ``to_tuple`` items) as text of batcalc's unit grammar:
    ``'gram*meter^2/second^2'``, ``'1/second'``; '' when there are none."""
    def power(unit: str, exponent: float) -> str:
        return unit if exponent == 1 else f"{unit}^{exponent:g}"
    top = [power(u, e) for u, e in items if e > 0]
    bottom = [power(u, -e) for u, e in items if e < 0]
    unit = "*".join(top) or ("1" if bottom else "")
    if bottom:
        unit += "/" + (bottom[0] if len(bottom) == 1 else "(" + "*".join(bottom) + ")")
    return unit


def quantity_text(q: Any, name: str = "value") -> str:
    """A pint Quantity (any registry) as ``'<number> <unit>'`` text for :func:`batcalc.units.parse_value`,
    in pint's root units (``q.to_root_units()``, the same whatever the registry's system or the unit the
    value was given in: meter, second, ampere, ..., and mass in kilogram rather than pint's gram, so the
    number is the SI one), so that any unit pint knows is read by its dimension:
    ``Q(1, 'slug')`` -> ``'14.59... kilogram'``, 1 kcal -> ``'4184.0 kilogram*meter^2/second^2'``. A
    dimensionless Quantity with a unit (``80 percent``) is written as a percentage (``'80.0 %'``)."""
    try:
        root = q.to_root_units()
    except Exception as exc:              # pint's own refusal (an offset unit in a product, ...)
        raise UnitError(f"{name}: cannot convert {q!s} to its base units ({type(exc).__name__})") from None
    magnitude, items = root.to_tuple()
    try:
        number = float(magnitude)
    except (TypeError, ValueError):
        raise TypeError(f"{name} needs a single value, got a Quantity of {type(magnitude).__name__}") from None
    grams = sum(e for u, e in items if u == "gram")     # pint's root of mass: written in kg, as SI is
    if grams:
        number /= 1000.0 ** grams
        items = tuple(("kilogram" if u == "gram" else u, e) for u, e in items)
    if not math.isfinite(number):
        raise UnitError(f"{name}: {number!r} is not a finite number")
    if not items and q.to_tuple()[1]:         # 80 percent, 5 permille: not a bare number
        return f"{number * 100.0!r} %"
    return f"{number!r} {_unit_text(items)}".strip()


def given_text(q: Any, name: str = "value") -> str:
    """A pint Quantity (any registry) as ``'<number> <unit>'`` text in the unit it was given in, written with
    pint's symbols where batcalc's unit grammar reads them as that unit (``Q(402, 'km')`` -> ``'402 km'``; a litre
    as batcalc writes it, ``'L'``, not pint's ``'l'``),
    else with its names where the grammar reads those (``'3 hour*kilowatt'``), else in pint's root units
    (:func:`quantity_text`). The number is written as a YAML number is read in a claim (an integral value
    below 1e15 without a decimal point: ``402.0`` -> ``'402'``), so a claim's figure given as a Quantity
    states the same precision (half a unit in its last digit) and shows in the same unit as the same figure
    given as text."""
    magnitude, items = q.to_tuple()
    try:
        number = float(magnitude)
    except (TypeError, ValueError):
        return quantity_text(q, name)          # refused there, with the parameter's name
    if not math.isfinite(number) or not items:
        return quantity_text(q, name)
    symbols = format(q.units, "~").replace(" ", "")
    litre = re.sub(r"(?<![A-Za-z])(m?)l(?![A-Za-z])", r"\1L", symbols)     # pint's 'l', 'ml': batcalc writes L, mL
    unit = next((u for u in (litre, symbols, _unit_text(items)) if _reads_as(u, q)), None)
    if unit is None:                           # a unit batcalc's grammar does not name ('metric_ton', 'slug')
        return quantity_text(q, name)
    whole = number.is_integer() and abs(number) < 1e15      # 402.0 -> '402'; 1e30 stays '1e+30', not 31 digits
    return f"{int(number) if whole else number!r} {unit}"


def _reads_as(unit: str, q: Any) -> bool:
    """Whether batcalc's grammar reads ``unit`` as the unit of ``q`` (same dimension and SI factor, as ``q``'s
    own registry converts it): pint's symbols are not all batcalc's ('a' is pint's year, 'C' its coulomb)."""
    try:
        mine = units.parse_value(f"1 {unit}")
        theirs = units.parse_value(quantity_text(1.0 * q.units))
    except (UnitError, TypeError, ValueError):
        return False
    return mine.dims == theirs.dims and math.isclose(mine.si, theirs.si, rel_tol=1e-12)


def _article(label: str) -> str:
    return "an" if label[0] in "aeiou" else "a"


def si_of(value: Any, dim: str, name: str, example: Optional[str] = None) -> Optional[float]:
    """The SI magnitude of an API input ``value`` of dimension ``dim`` (None stays None).

    ``value`` is text with a unit or a pint Quantity; for plain dimensions (``fraction``, ``number``,
    ``count``) also a bare number, by the fraction rule of :func:`batcalc.units.parse_value`. A bare
    number where a unit is needed raises :class:`TypeError` naming the parameter and the unit expected
    (``example``, else the dimension's example unit); a bad or wrong-dimension value, or a range
    (``'400 to 500 kg'``), raises :class:`~batcalc.errors.UnitError` prefixed with the parameter's name.
    """
    if value is None:
        return None
    d = units.DIMENSIONS[dim]
    unit = example or d.example
    if isinstance(value, bool):
        raise TypeError(f"{name} needs {_article(d.label)} {d.label}, got {value!r}")
    if isinstance(value, numbers.Real) and dim not in PLAIN:
        shown = f"{float(value):g}" if math.isfinite(float(value)) else "1"
        raise TypeError(f"{name} needs {_article(d.label)} {d.label} with its unit, e.g. '{shown} {unit}' "
                        f"(a bare number has no unit)")
    if isinstance(value, numbers.Real):
        raw: Any = float(value)
    elif isinstance(value, str):
        if units.RANGE_TO.search(value.strip()):
            from batcalc.errors import printable

            where = " (batcalc.range_bands takes a range of pack_mass or pack_energy)" if name in RANGED else ""
            raise UnitError(f"{name}: {printable(value.strip(), 60)!r} is a range: give one value here{where}")
        raw = value
    elif is_quantity(value):
        raw = given_text(value, name)       # in its own unit, so an error shows the value as it was given
    else:
        raise TypeError(f"{name} needs {_article(d.label)} {d.label} as text such as '1 {unit}' or a pint "
                        f"Quantity, got {type(value).__name__}")
    try:
        return units.parse_value(raw, dim, example).si
    except UnitError as exc:
        raise UnitError(f"{name}: {exc}") from None


def kelvin_of(value: Any, name: str) -> Optional[float]:
    """An absolute temperature, K, of an API input (None stays None): text (``'-7 °C'``, ``'20 °F'``,
    ``'268 K'``, read by :func:`batcalc.units.parse_temperature`) or a pint Quantity of a temperature
    (converted to kelvin by its own registry). A bare number raises :class:`TypeError` (Celsius or
    Fahrenheit?); anything else that is not a temperature above absolute zero, a
    :class:`~batcalc.errors.UnitError` prefixed with the parameter's name."""
    if value is None:
        return None
    if is_quantity(value):
        not_one = f"{name}: {value!s} is not a temperature: give °C, degC, °F or K, e.g. '-7 °C'"
        if "delta" in str(value.units):          # a difference of temperatures (delta_degC), not a temperature
            raise UnitError(not_one + " (a temperature difference is not an ambient temperature)")
        try:
            kelvin = float(value.to("kelvin").magnitude)
        except Exception:       # pint's DimensionalityError, of whichever registry made the Quantity
            raise UnitError(not_one) from None
        if not math.isfinite(kelvin):
            raise UnitError(f"{name}: {value!s} is not a finite temperature")
        if not kelvin > 0:
            raise UnitError(f"{name}: {value!s} is " + ("at" if kelvin == 0 else "below") + " absolute zero")
        return kelvin
    if isinstance(value, (numbers.Real, bool)):
        raise TypeError(f"{name} needs a temperature with its unit, e.g. '-7 °C' (a bare number has no unit)")
    if not isinstance(value, str):
        raise TypeError(f"{name} needs a temperature as text such as '-7 °C' or a pint Quantity, "
                        f"got {type(value).__name__}")
    try:
        return units.parse_temperature(value)
    except UnitError as exc:
        raise UnitError(f"{name}: {exc}") from None


def as_quantity(si: Optional[float], dim: str, unit: Optional[str] = None) -> Any:
    """An SI magnitude of dimension ``dim`` as a Quantity of the package registry in ``unit`` (default:
    the metric display unit; ``distance`` is a length in km), or a float for plain dimensions; None
    stays None. A C-rate is given in 1/h (what 'C' means)."""
    if si is None:
        return None
    if dim in PLAIN:
        return float(si)
    base = "length" if dim == "distance" else dim
    label = unit or units.display_unit(dim)
    if base == "c_rate" and label == "C":
        label = "1/h"
    return units.ureg().Quantity(float(units.from_si(si, base, label)), units.parse_unit(label))


def as_quantities(si: Any, dim: str, unit: Optional[str] = None) -> Any:
    """An array of SI magnitudes of dimension ``dim`` (a numpy array, NaN kept) as one Quantity array of the
    package registry in ``unit`` (default: the metric display unit; ``distance`` is a length in km):
    :func:`as_quantity` of a grid."""
    base = "length" if dim == "distance" else dim
    label = unit or units.display_unit(dim)
    return units.ureg().Quantity(units.from_si(si, base, label), units.parse_unit(label))


def si_array_of(values: Any, dim: str, name: str, example: Optional[str] = None) -> Any:
    """The SI magnitudes (a 1-d numpy array) of an API grid input: text as the command line's sweep
    options take it (``'200:500:50 Wh/kg'``, ``'250, 300 Wh/kg'``: :func:`batcalc.units.parse_grid`, its
    checks included), or a sequence of values (texts, pint Quantities, a pint Quantity array), each read
    by :func:`si_of`; each must be positive, at most :data:`batcalc.units.MAX_GRID_POINTS` of them."""
    import numpy as np

    if isinstance(values, str):
        return units.parse_grid(values, dim, name, example)
    if is_quantity(values) and np.ndim(values.magnitude) == 0:
        values = [values]
    if isinstance(values, (set, frozenset, dict)):      # no order (a set), or keys (a dict): rows not to be placed
        raise TypeError(f"{name} needs values in order, a list, a tuple or an array (or a grid as text), got "
                        f"{type(values).__name__}")
    try:
        items = list(values)
    except TypeError:
        raise TypeError(f"{name} needs values with their unit: a grid as text ('200:500:50 "
                        f"{example or units.DIMENSIONS[dim].example}') or a sequence of values, got "
                        f"{type(values).__name__}") from None
    if not 0 < len(items) <= units.MAX_GRID_POINTS:
        raise UnitError(f"{name}: give 1 to {units.MAX_GRID_POINTS} values, got {len(items)}")
    out = np.array([si_of(v, dim, f"{name}[{k}]", example) for k, v in enumerate(items)], dtype=np.float64)
    if not np.all(out > 0):
        k = int(np.flatnonzero(~(out > 0))[0])
        shown = given_text(items[k], f"{name}[{k}]") if is_quantity(items[k]) else repr(printable(str(items[k]), 60))
        raise UnitError(f"{name}[{k}]: values must be positive, got {shown}")
    return out


def Q(value: Any, unit: Optional[str] = None) -> Any:
    """A pint Quantity of batcalc's registry: ``Q('480 kg')``, ``Q(480, 'kg')``, or a Quantity of another
    registry brought into this one (in its own unit where batcalc's grammar knows that unit's name, else
    in SI base units; one of batcalc's registry is returned as it is). Units are spelled as in spec
    files (``'kWh/100km'``, ``'Wh/kg'``) and checked by the same grammar; a bad value raises
    :class:`~batcalc.errors.UnitError`."""
    if unit is not None:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"Q(number, unit) needs a number, got {type(value).__name__}")
        if not isinstance(unit, str):
            raise TypeError(f"Q(number, unit) needs the unit as text, such as 'kg', got {type(unit).__name__}")
        if not math.isfinite(value):       # 'nan kg' would be "malformed value: expected '<number> <unit>'"
            units.check_magnitude(float(value), f"{float(value)!r} {unit}")
        return units.parse_quantity(f"{float(value)!r} {unit}")
    if isinstance(value, units.ureg().Quantity):
        return value
    if is_quantity(value):
        q = units.parse_quantity(quantity_text(value, "Q"))
        try:
            return q.to(units.parse_unit(_unit_text(value.to_tuple()[1])))
        except UnitError:                 # a unit batcalc's grammar does not name ('metric_ton', 'slug')
            return q
    if isinstance(value, str):
        return units.parse_quantity(value)
    if isinstance(value, numbers.Real):
        raise TypeError(f"Q({value!r}) needs a unit: write Q('{value} kg') or Q({value}, 'kg')")
    raise TypeError(f"Q needs text such as '480 kg' or a number and a unit, got {type(value).__name__}")


def convert(value: Any, unit: str) -> Any:
    """``value`` (text or any Quantity) in ``unit``, as a Quantity of batcalc's registry; reciprocal
    units convert by inversion (``convert('15 kWh/100km', 'mi/kWh')`` is 4.14 mi/kWh; 1 MPGe is a
    mile per 33.705 kWh). The conversion is :func:`batcalc.units.convert`."""
    if not isinstance(unit, str):
        raise TypeError(f"convert needs the unit to convert to as text, such as 'mi/kWh', got {type(unit).__name__}")
    if is_quantity(value):
        text = quantity_text(value, "value")
    elif isinstance(value, str):
        text = value
    else:
        raise TypeError(f"convert needs a value with its unit, such as '15 kWh/100km', got {type(value).__name__}")
    return units.ureg().Quantity(units.convert(text, unit), units.parse_unit(unit))
