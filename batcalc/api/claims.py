"""Claims in the Python API: :func:`check` gives :class:`ClaimResult` s with Quantities.

The evaluators are :mod:`batcalc.claims.check` (values in SI, each a
:class:`~batcalc.claims.check.Value` with a dimension name); the texts are made by
:mod:`batcalc.report.claims`. Only the verdict's public fields are read: ``id``, ``kind``, ``status``,
``claimed``, ``derived``, ``needed``, ``qualifier`` and, for a ``between`` claim, the bounds in ``details``
(and ``quote`` and the texts through the report layer).
"""

from __future__ import annotations

import numbers
import os
from dataclasses import dataclass
from typing import Any, Optional, Union

from batcalc.api.quantities import PLAIN, as_quantity, given_text, is_quantity
from batcalc.errors import UnitError


def value_quantity(value: Any) -> Any:
    """A verdict's value as the API shows it: a Quantity where it has a dimension batcalc knows (a
    ``distance`` in km, other dimensions in their metric display unit or the unit the value fixes; a
    figure ``given`` in a unit, in that unit when the unit parses); a float for fractions, factors,
    counts and anything else; a list stays a list (one entry per charge window); None stays None."""
    from batcalc import units

    if value is None:
        return None
    if isinstance(value, (list, tuple)) and not hasattr(value, "si"):
        return [value_quantity(v) for v in value]
    si, dim, unit = getattr(value, "si", None), getattr(value, "dim", None), getattr(value, "unit", "") or None
    if si is None:
        return None
    if dim == "given" and unit:
        try:
            return units.ureg().Quantity(float(si), units.parse_unit(unit))
        except UnitError:
            return float(si)
    if dim == "distance" or (dim in units.DIMENSIONS and dim not in PLAIN):
        try:
            return as_quantity(si, dim, unit)
        except UnitError:                   # a unit the value fixes that is not for its dimension
            return as_quantity(si, dim)
    return float(si)


@dataclass(frozen=True, repr=False)
class ClaimResult:
    """The verdict on one claim: ``status`` is ``'holds'``, ``'fails'`` or ``'underdetermined'``.

    ``claimed`` (the asserted value; ``[low, high]`` for a ``between`` claim), ``derived`` (what the numbers
    give; a list for a charge claim with one entry per window) and ``needed`` (what would make it hold,
    when one number) are Quantities where dimensional, floats for ratios and fractions, None when not
    computable. The texts are as the CLI shows them (metric); ``raw`` is the :class:`~batcalc.claims.check.Verdict`.
    """

    raw: Any
    #: with ``check(..., bands=True)``: the :class:`batcalc.claims.bands.Banded` verdict and its ranges
    banded: Any = None
    ranges: Any = None

    @property
    def id(self) -> str:
        """The claim's id."""
        return str(self.raw.id)

    @property
    def kind(self) -> str:
        """The claim kind (``same-weight``, ``range``, ``charge``, ...)."""
        return str(self.raw.kind)

    @property
    def status(self) -> str:
        """``holds``, ``fails`` or ``underdetermined``; with bands also ``depends``."""
        return str(self.raw.status)

    @property
    def bands(self) -> dict[str, tuple[Any, Any, Any]]:
        """With ``check(..., bands=True)``: each derived figure (by path, as in the JSON output) as
        ``(low, central, high)`` over the plausible assumptions; else empty."""
        if self.banded is None:
            return {}
        return {path: tuple(value_quantity(value._replace(si=x)) for x in (b.low, b.central, b.high))
                for path, (value, b) in self.banded.bands.items()}

    @property
    def deciders(self) -> list[str]:
        """With bands, for a claim that depends: each assumption that alone turns it, as text
        ('holds if cell-to-pack-mass is at least 67.39 %')."""
        if self.banded is None:
            return []
        from batcalc.report.claims import decider_text

        ranges = {**self.ranges, **self.banded.inputs}
        return [decider_text(d, ranges) for d in self.banded.deciders]

    @property
    def quote(self) -> str:
        """The quoted text of the claim."""
        return str(getattr(self.raw, "quote", ""))

    @property
    def qualifier(self) -> str:
        """How the claimed value is asserted: ``about``, ``at-least``, ``at-most``, ..., ``between``."""
        return str(self.raw.qualifier)

    @property
    def claimed(self) -> Any:
        """The asserted value; for a ``between`` claim its two bounds, ``[low, high]``."""
        details = getattr(self.raw, "details", None) or {}
        if self.qualifier == "between" and "low" in details and "high" in details:
            return [value_quantity(details["low"]), value_quantity(details["high"])]
        return value_quantity(self.raw.claimed)

    @property
    def derived(self) -> Any:
        """The value derived to compare with it."""
        return value_quantity(self.raw.derived)

    @property
    def needed(self) -> Any:
        """The value that would make the claim hold (None when it holds or is not one number)."""
        return None if self.status == "holds" else value_quantity(self.raw.needed)

    def _texts(self) -> dict[str, Any]:
        from batcalc.report.claims import verdict_texts

        return verdict_texts(self.raw)

    @property
    def claimed_text(self) -> str:
        """The claimed value as the table shows it."""
        return str(self._texts()["claimed"])

    @property
    def derived_text(self) -> str:
        """The derived value as the table shows it."""
        return str(self._texts()["derived"])

    @property
    def would_take(self) -> str:
        """What it would take for the claim to hold."""
        return str(self._texts()["would_take"])

    @property
    def assumptions(self) -> list[str]:
        """Every assumption behind the verdict."""
        return list(self._texts()["assumptions"])

    def __repr__(self) -> str:
        return f"<ClaimResult {self.id} ({self.kind}): {self.status}>"


def _spec_id(key: str, raw: Any) -> str:
    """The catalogue id a claim names a loaded cell or vehicle by (``raw``: its
    :class:`~batcalc.physics.cells.CellFigures` or :class:`~batcalc.physics.vehicle.Vehicle`); the claim
    loads that id again, so a spec the id would not give back is refused rather than swapped for the
    catalogue's: one read from a file (a copy with a figure changed keeps its id), or a vehicle in the
    conditions :meth:`~batcalc.api.Vehicle.with_conditions` set (a claim simulates the vehicle as its spec
    gives it)."""
    from batcalc.errors import ClaimError
    from batcalc.physics.vehicle import Vehicle as PhysicsVehicle
    from batcalc.spec.catalog import catalog_id_set, load

    kind = "vehicle" if isinstance(raw, PhysicsVehicle) else "cell"
    if kind == "vehicle" and (any(x is not None for x in raw.ambient) or raw.extra_mass or raw.assumed):
        raise ClaimError(f"claim input {key}: {raw.id} in the conditions set by with_conditions cannot be "
                         f"checked: a claim simulates the vehicle as its spec gives it (use range_of or charge)")
    if raw.id not in catalog_id_set(kind) or load(raw.id, kind) != raw.spec:
        raise ClaimError(f"claim input {key}: this {kind} {raw.id!r} is not the catalogue's {kind} of that id "
                         f"(a spec file?): give the path of its spec file as text, {key}='path/to/spec.yaml'")
    return str(raw.id)


def _input_text(key: str, value: Any) -> str:
    """A claim input as the claim format writes it: text as is, a Quantity as ``'<number> <unit>'`` in its
    own unit (:func:`~batcalc.api.quantities.given_text`: the precision it states is that of the same text), a
    :class:`~batcalc.api.cells.Cell` or vehicle of the catalogue by its id (:func:`_spec_id`)."""
    if isinstance(value, str):
        return value
    if is_quantity(value):
        return given_text(value, key)
    if isinstance(value, os.PathLike):
        return str(os.fspath(value))
    raw = getattr(value, "raw", None)
    if raw is not None and hasattr(raw, "id") and hasattr(raw, "spec"):
        return _spec_id(key, raw)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):      # numpy's scalars too
        return str(int(value)) if isinstance(value, numbers.Integral) else repr(float(value))
    raise TypeError(f"claim input {key} needs text, a Quantity, a number or a loaded cell or vehicle, "
                    f"got {type(value).__name__}")


def _input_texts(inputs: dict[str, Any]) -> dict[str, Any]:
    """The claim inputs as the claim format writes them (:func:`_input_text`); a product's ``factors`` may be
    a list or tuple, as a claims file lists them (``[800, '300 mi']``), each factor written alone."""
    return {k: [_input_text(f"{k}[{i}]", x) for i, x in enumerate(v)]
            if k == "factors" and isinstance(v, (list, tuple)) else _input_text(k, v) for k, v in inputs.items()}


def _listed(value: Any) -> Optional[list[Any]]:
    """``value`` as a list when it lists figures: a list or tuple, a 1-d numpy array, or a pint Quantity of a 1-d
    array (``Q_([900, 1000], 'km')``: each its own Quantity); else None (one figure, or something else)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    magnitude = value.magnitude if is_quantity(value) else value
    if getattr(magnitude, "ndim", 0) == 1 and hasattr(magnitude, "tolist"):    # numpy, without importing it
        return list(value)
    return None


def _pair_text(key: str, pair: list[Any]) -> str:
    """``[low, high]`` written ``'LOW to HIGH'`` (:func:`_input_text` each); an end that is empty text is refused
    by its place, not shown joined (``' to 600 km'``)."""
    from batcalc.errors import ClaimError

    texts = [_input_text(f"{key}[{i}]", x) for i, x in enumerate(pair)]
    for i, text in enumerate(texts):
        if not text.strip():
            raise ClaimError(f"{key}[{i}] is empty: give [low, high], two figures, e.g. ['900 km', '1000 km']")
    return " to ".join(texts)


def _asserted_text(asserted: Any, qualifier: str) -> str:
    """``asserted`` as the claim format writes it (:func:`_input_text`); for ``qualifier='between'`` also a
    list or tuple ``[low, high]`` (or an array of two, :func:`_listed`), as a claims file asserts it, written
    ``'LOW to HIGH'``."""
    from batcalc.errors import ClaimError

    listed = _listed(asserted)
    if listed is None:
        return _input_text("asserted", asserted)
    if qualifier != "between":
        raise ClaimError(f"asserted: a list [low, high] is asserted only with qualifier 'between' "
                         f"(this claim's qualifier is {qualifier!r})")
    if len(listed) != 2:
        raise ClaimError(f"asserted: 'between' takes [low, high], two figures, got {len(listed)}")
    return _pair_text("asserted", listed)


def _plausible_text(plausible: Any) -> Optional[str]:
    """``plausible`` as ``batcalc claim --plausible`` takes it, ``'LOW to HIGH unit'``: text as is, a list or
    tuple ``[low, high]`` (as a claims file writes it; or an array of two, :func:`_listed`) joined with 'to';
    None stays None."""
    from batcalc.errors import ClaimError

    listed = None if plausible is None else _listed(plausible)
    if listed is None:
        return None if plausible is None else _input_text("plausible", plausible)
    if len(listed) != 2:
        raise ClaimError(f"plausible: [low, high], two figures, got {len(listed)}")
    return _pair_text("plausible", listed)


def check(claims: Union[str, "os.PathLike[str]"], *, asserted: Any = None, qualifier: str = "about",
          tolerance: Any = None, quote: Optional[str] = None, bands: bool = False,
          assume: Optional[dict[str, str]] = None, plausible: Any = None, **inputs: Any) -> Any:
    """Check claims.

    ``check('seed-article')`` (a claims file: catalogue id under ``specs/claims`` or a path) returns a
    list of :class:`ClaimResult`, one a claim, in the file's order.

    ``check('ratio', a='250 Wh/kg', b='432 Wh/kg', asserted='73 %')`` checks one claim of that kind
    (:func:`batcalc.claims.check.check_inline`; the kinds and their inputs are in docs/claims.md) and
    returns its :class:`ClaimResult`. Inputs are text, pint Quantities, numbers or loaded cells and
    vehicles of the catalogue (by their id; one read from a spec file is given by its path, and a vehicle in
    the conditions of :meth:`~batcalc.api.Vehicle.with_conditions` is refused), and a product's ``factors`` a
    list (``[800, '300 mi']``) or text (``'800 * 300 mi'``); ``asserted`` likewise;
    ``qualifier`` is ``about``, ``at-least``, ``at-most``, ``over``, ``under``, ``up-to`` or ``between``
    (``asserted='900 to 1000 km'`` or ``['900 km', '1000 km']``). ``plausible``, for a figure left as ``'?'``:
    the range it is plausible in, ``'500 to 750 Wh/L'`` or ``[low, high]``, as ``batcalc claim --plausible``.

    ``bands=True`` checks over the plausible range of each default assumption (docs/assumptions.md):
    a status may then be ``depends``, with :attr:`ClaimResult.deciders` and :attr:`ClaimResult.bands`;
    ``assume`` narrows or widens ranges, ``{'cell-to-pack-mass': '0.75 to 0.85'}``.
    """
    from batcalc.claims.check import check_file, check_inline

    if not isinstance(claims, (str, os.PathLike)):
        raise TypeError(f"check needs a claims file (a catalogue id or a path) or a claim kind such as 'ratio', "
                        f"got {type(claims).__name__}")
    for name, text in (("qualifier", qualifier), ("quote", quote)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"check: {name} needs text, got {type(text).__name__}")
    if bands or assume:
        return _check_bands(claims, asserted, qualifier, tolerance, quote, bands, assume, inputs, plausible)
    if asserted is None:
        if inputs or tolerance is not None or quote is not None or plausible is not None:
            raise TypeError("check: claim inputs need asserted=..., the value the claim asserts")
        return [ClaimResult(v) for v in _check_file(check_file, claims)]
    texts = _input_texts(inputs)
    return ClaimResult(check_inline(str(claims), texts, _asserted_text(asserted, qualifier), qualifier,
                                    None if tolerance is None else _input_text("tolerance", tolerance), quote,
                                    _plausible_text(plausible)))


def _check_file(run: Any, claims: Any, *args: Any, **kwargs: Any) -> Any:
    """``run(path, ...)[1]`` (the verdicts of a claims file); a name that is no claims file but a claim kind
    (``check('ratio')``) is refused as what it is: a kind wants its inputs and ``asserted``."""
    from batcalc.errors import NotFoundError
    from batcalc.spec.claims import CLAIM_KINDS

    try:
        return run(os.fspath(claims), *args, **kwargs)[1]
    except NotFoundError:
        if isinstance(claims, str) and claims in CLAIM_KINDS:
            raise NotFoundError(f"{claims!r} is a claim kind, not a claims file: give its inputs and asserted=..., "
                                f"check({claims!r}, <inputs>, asserted=...) (its inputs: docs/claims.md)") from None
        raise


def _check_bands(claims: Any, asserted: Any, qualifier: str, tolerance: Any, quote: Optional[str], bands: bool,
                 assume: Optional[dict[str, str]], inputs: dict[str, Any], plausible: Any = None) -> Any:
    """:func:`check` over the plausible assumptions (``bands``), or at the central values ``assume`` sets."""
    from batcalc.api.bands import ranges_with
    from batcalc.claims.bands import band_claim, check_file_bands
    from batcalc.claims.check import inline_claim
    from batcalc.physics.bands import points

    ranges = ranges_with(assume)
    if asserted is None:
        if inputs or tolerance is not None or quote is not None or plausible is not None:
            raise TypeError("check: claim inputs need asserted=..., the value the claim asserts")
        found = _check_file(check_file_bands, claims, ranges, points=not bands)
        return [ClaimResult(b.verdict, b if bands else None, ranges) for b in found]
    texts = _input_texts(inputs)
    claim = inline_claim(str(claims), texts, _asserted_text(asserted, qualifier), qualifier,
                         None if tolerance is None else _input_text("tolerance", tolerance), quote,
                         _plausible_text(plausible))
    if not bands:
        ranges = points(ranges)
    b = band_claim(claim, ranges)
    return ClaimResult(b.verdict, b if bands else None, ranges)
