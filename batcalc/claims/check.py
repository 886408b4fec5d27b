"""Claim checking: does a number from the news hold, fail, or is it underdetermined — and why.

A claims file (``kind: claims``) lists claims, each with the quoted text, its source, a ``kind``
(what sort of arithmetic it is), its ``inputs``, the ``asserted`` value, a ``qualifier`` (about,
at-least for "over", at-most for "up to") and a relative ``tolerance`` (default 5 %). Each kind has
an evaluator that derives the value, compares it, lists every assumption, and says what it would
take for the claim to hold. The file format is documented in docs/claims.md.
"""


import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Optional, Union

from batcalc import units
from batcalc.errors import BatcalcError, ClaimError, SpecError, UnitError
from batcalc.spec.claims import CLAIM_MODELS, DEFAULT_VEHICLE, KIND_INPUTS, ClaimsFile  # noqa: F401
from batcalc.units import Shown, format_number

#: Relative tolerance used when a claim gives none: news figures are rounded.
DEFAULT_TOLERANCE = 0.05

Status = Literal["holds", "fails", "underdetermined"]





# ---------------------------------------------------------------------------------- the verdicts

@dataclass
class Verdict:
    """The outcome of one claim: status, claimed and derived values, assumptions, what it would take."""

    id: str
    kind: str
    quote: str
    status: Status
    claimed: str
    derived: str
    would_take: str = ""
    assumptions: list[str] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    source: Optional[str] = None

    def json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "quote": self.quote, "verdict": self.status,
                "claimed": self.claimed, "derived": self.derived, "would_take": self.would_take,
                "missing": self.missing, "readings": self.readings, "assumptions": self.assumptions,
                "details": self.details, "source": self.source}


def judge(derived: float, asserted: float, qualifier: str, tolerance: float, scale: float = 1.0) -> Status:
    """holds / fails: ``about`` within ``tolerance`` relative; ``at-least`` derived >= asserted (1 - tol);
    ``at-most`` derived <= asserted (1 + tol).

    An asserted 0 has no relative tolerance: ``about 0`` holds when ``|derived| <= tol x scale``, with
    ``scale`` the size of what is compared (1 for plain numbers and fractions; for a difference the
    larger input, in the same units as ``derived``)."""
    if qualifier == "at-least":
        ok = derived >= asserted - abs(asserted) * tolerance
    elif qualifier == "at-most":
        ok = derived <= asserted + abs(asserted) * tolerance
    elif asserted == 0:
        ok = abs(derived) <= tolerance * scale
    else:
        ok = abs(derived / asserted - 1) <= tolerance
    return "holds" if ok else "fails"


class Context:
    """What an evaluator needs besides the claim: loaders (cached) and located errors."""

    def __init__(self, doc=None, loc: tuple = ()) -> None:
        self.doc, self.loc = doc, loc

    def error(self, key: tuple, message: str) -> BatcalcError:
        if self.doc is not None:
            return self.doc.error(self.loc + key, message)
        return ClaimError(f"{'.'.join(map(str, key))}: {message}")

    def _load(self, loader: Callable, name: str, key: tuple):
        """Load a cell or vehicle named in the claim: a relative path is taken from the claims file's
        folder; a name that is not found is located at ``key`` (errors inside the named file keep
        their own location)."""
        from pathlib import Path

        from batcalc.spec.catalog import _looks_like_path

        if self.doc is not None and _looks_like_path(name) and not Path(name).is_absolute():
            beside = Path(self.doc.path).parent / name
            if beside.exists():
                name = str(beside)
        try:
            return loader(name)
        except SpecError as exc:
            if exc.line is not None:
                raise
            raise self.error(key, str(exc)) from None
        except BatcalcError as exc:
            raise self.error(key, str(exc)) from None

    def cell(self, name: str, key: tuple):
        from batcalc.physics.cells import load_cell

        return self._load(load_cell, name, key)

    def vehicle(self, name: str, key: tuple):
        from batcalc.physics.vehicle import load_vehicle

        return self._load(load_vehicle, name, key)

    def figure(self, text: Any, key: tuple) -> tuple[float, str, float, str]:
        """A figure of any dimension: (number, unit, base magnitude, dimension signature); counting
        words scale the number ('1.95 billion yuan' = 1.95e9 yuan)."""
        try:
            p = units.parse_value(_counted(text))
            return p.number, p.unit, p.si, p.dims
        except BatcalcError as exc:
            raise self.error(key, str(exc)) from None

    def quantity(self, text: Any, key: tuple, dim: Optional[str] = None):
        """A figure as a pint Quantity, for unit algebra (products of factors); counting words scale
        it like :meth:`figure`."""
        text = _counted(text)
        try:
            return units.refuse_angles(units.parse_quantity(text, dim), text)
        except BatcalcError as exc:
            raise self.error(key, str(exc)) from None


_COUNTING = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_COUNTING_RE = re.compile(r"^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s+(thousand|million|billion|trillion)\b\s*",
                          re.IGNORECASE)


def _counted(text: Any) -> str:
    """``text`` with a counting word after its number applied: '1.95 billion yuan' -> '1950000000.0 yuan'."""
    return _COUNTING_RE.sub(lambda m: f"{float(m.group(1)) * _COUNTING[m.group(2).lower()]!r} ", str(text))


def _tol(claim) -> float:
    return claim.tolerance.si if claim.tolerance is not None else DEFAULT_TOLERANCE


def _qual(claim) -> str:
    return {"about": "about", "at-least": "at least", "at-most": "at most"}[claim.qualifier]


def _pct(x: float) -> str:
    return f"{x * 100:+.1f} %"


def _asserted_raw(claim, ctx: Context) -> Union[str, float]:
    """The asserted value as given: a string ('nan' and 'inf' refused), or a number from a file checked
    to be finite and in range (:func:`batcalc.units.check_magnitude`; booleans are refused when the
    file is read)."""
    raw = claim.asserted
    if isinstance(raw, (int, float)):
        number = float(raw) if abs(raw) < 1e300 else math.inf
        try:
            return units.check_magnitude(number, f"{raw:g}")
        except BatcalcError as exc:
            raise ctx.error(("asserted",), str(exc)) from None
    if _NOT_FINITE_RE.match(raw):
        raise ctx.error(("asserted",), f"{raw.strip()!r} is not a finite number")
    return raw


_NOT_FINITE_RE = re.compile(r"^\s*[+-]?(nan|inf|infinity)\b", re.IGNORECASE)
_FACTOR_FORMS = "write a factor such as '3' or '3x', or a change such as '+16.7 %'"


def _asserted_factor(claim, ctx: Context) -> tuple[float, bool]:
    """(factor, written as a change): a factor written as a number (``3``, ``'3x'``) or a percent
    change (``'+16.7 %'``, ``'+16.7 percent'`` = x1.167). Numbers follow the strict grammar of
    :func:`batcalc.units.split_value` (ASCII digits, no '1_1', finite, in range)."""
    raw = _asserted_raw(claim, ctx)
    if not isinstance(raw, str):
        return raw, False
    text = raw.strip()
    times = text[-1:].lower() in ("x", "×")
    try:
        number, unit = units.split_value(text[:-1] if times else text)
    except UnitError as exc:
        raise ctx.error(("asserted",), f"{exc} ({_FACTOR_FORMS})") from None
    unit = unit.strip()
    if not unit:
        return number, False
    if unit in ("%", "percent") and not times:
        return 1.0 + number / 100.0, True
    raise ctx.error(("asserted",), f"malformed factor {text!r}: {_FACTOR_FORMS}")


def _asserted_quantity(claim, ctx: Context, dims: tuple[str, ...]):
    """(dimension, SI value) of the asserted value, which must have one of ``dims``. A bare number
    is a ``fraction`` only from 0 to 1 ('0.14'); '14' is refused as ambiguous (write '14 %')."""
    raw = _asserted_raw(claim, ctx)
    if not isinstance(raw, str):
        if "fraction" not in dims:
            raise ctx.error(("asserted",), f"bare number {raw:g}: give a unit ({' or '.join(_examples(dims))})")
        try:
            return "fraction", units.parse_value(raw, "fraction").si
        except BatcalcError as exc:
            raise ctx.error(("asserted",), str(exc)) from None
    for dim in dims:                      # the common units need no pint
        try:
            return dim, units.parse_value(raw, dim).si
        except BatcalcError as exc:
            if dim == "fraction" and _is_bare_number(raw):      # '14': 14 % or 1400 %?
                raise ctx.error(("asserted",), str(exc)) from None
    ctx.figure(raw, ("asserted",))        # malformed text: its own message
    raise ctx.error(("asserted",), f"{raw!r} has the wrong dimension for a {claim.kind} claim: expected "
                                   f"{' or '.join(_examples(dims))}")


def _is_bare_number(text: str) -> bool:
    """Whether ``text`` is a number without a unit by the strict grammar."""
    try:
        return not units.split_value(text)[1].strip()
    except UnitError:
        return False


def _not_both(ctx: Context, inputs, first: str, second: str, why: str) -> None:
    """Refuse ``first`` and ``second`` given together, where one would be silently ignored."""
    if getattr(inputs, first, None) is not None and getattr(inputs, second, None) is not None:
        raise ctx.error(("inputs", second), f"give '{first}' or '{second}', not both ({why}): drop one")


def _soc_window(ctx: Context, from_soc, to_soc) -> None:
    """Refuse a SoC window that does not rise, as spec files and ``batcalc charge`` do."""
    if from_soc is not None and to_soc is not None and to_soc.si <= from_soc.si:
        raise ctx.error(("inputs", "to_soc"), f"to_soc ({to_soc.text}) must be above from_soc ({from_soc.text})")


def _examples(dims) -> list[str]:
    return [units.DIMENSIONS[d].example if d != "number" else "a plain number" for d in dims]


def _densities(claim, ctx: Context) -> tuple[float, float, list[str], Any, Any]:
    """Gravimetric densities (J/kg) of a and b, from cells or given densities; checks levels agree."""
    i = claim.inputs
    cells, rhos, notes = [], [], []
    for side in ("a", "b"):
        _not_both(ctx, i, side, f"{side}_density", "a cell's density or a given one")
        name, dens = getattr(i, side), getattr(i, f"{side}_density")
        if name is None and dens is None:
            raise ctx.error(("inputs",), f"give '{side}' (a cell) or '{side}_density' (e.g. '300 Wh/kg')")
        if dens is not None:
            cells.append(None)
            rhos.append(dens.si)
            notes.append(f"{side}: {dens.text} (given)")
        else:
            cell = ctx.cell(name, ("inputs", side))
            rho = cell.get("gravimetric")
            if rho is None:
                raise ctx.error(("inputs", side), f"{cell.id} has no gravimetric energy density")
            cells.append(cell)
            rhos.append(rho)
            notes.append(f"{side}: {cell.id} at {format_number(rho / 3600)} Wh/kg ({cell.level} level)")
            notes += [f"warning: {cell.id}: {w}" for w in cell.warnings]
    if all(c is not None for c in cells) and cells[0].level != cells[1].level:
        raise ctx.error(("inputs",), f"{cells[0].id} is {cells[0].level} level and {cells[1].id} is "
                                     f"{cells[1].level} level: not comparable")
    return rhos[0], rhos[1], notes, cells[0], cells[1]


def _whkg(j_per_kg: float) -> str:
    return f"{format_number(j_per_kg / 3600)} Wh/kg"


# ----------------------------------------------------------------------------------- evaluators

def eval_same_weight(claim, ctx: Context) -> Verdict:
    """Same pack mass: ``E_b/E_a = rho_b/rho_a``; vehicle mass unchanged so range scales the same."""
    ra, rb, notes, *_ = _densities(claim, ctx)
    factor, _ = _asserted_factor(claim, ctx)
    derived = rb / ra
    status = judge(derived, factor, claim.qualifier, _tol(claim))
    reading = claim.inputs.reading
    readings = ["energy per charge at the same pack mass: x" + format_number(derived)]
    if reading in ("range", "battery-life"):
        readings.append("range per charge at the same pack mass: x" + format_number(derived) +
                        " (vehicle mass unchanged, so range scales with energy)")
    if reading == "battery-life":
        readings.append("cycle life / calendar life: not determined by energy density (no cycle-life figures "
                        "are given for these cells); that reading is underdetermined")
    need = factor * ra
    return Verdict(claim.id, claim.kind, claim.quote, status, f"x{format_number(factor)} ({_qual(claim)})",
                   f"x{format_number(derived)} ({_pct(derived - 1)})",
                   "holds as stated" if status == "holds" else
                   f"needs b at {_whkg(need)} (x{format_number(factor)} of {_whkg(ra)}) at the same cell-to-pack "
                   f"fraction",
                   notes + ["same pack mass and cell-to-pack fraction: E2/E1 = rho2/rho1"], readings,
                   details={"ratio": derived, "asserted": factor, "needed_b_density": Shown(need / 3600, "Wh/kg")})


def eval_same_energy(claim, ctx: Context) -> Verdict:
    """Same energy: ``m_b/m_a = rho_a/rho_b``; saving ``1 - rho_a/rho_b``."""
    ra, rb, notes, *_ = _densities(claim, ctx)
    dim, asserted = _asserted_quantity(claim, ctx, ("fraction",))
    saving = 1 - ra / rb
    status = judge(saving, asserted, claim.qualifier, _tol(claim))
    need = ra / (1 - asserted) if asserted < 1 else math.inf
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {asserted * 100:.1f} % lighter",
                   f"{saving * 100:.1f} % lighter (m_b/m_a = x{format_number(ra / rb)})",
                   "holds as stated" if status == "holds" else f"needs b at {_whkg(need)} for a {asserted * 100:.1f} % saving",
                   notes + ["same energy and cell-to-pack fraction: m2/m1 = rho1/rho2"],
                   details={"mass_ratio": ra / rb, "saving": saving})


def eval_same_range(claim, ctx: Context) -> Verdict:
    """Same range with mass feedback (see :func:`batcalc.tradeoff.tradeoff`): mass saved, payload gained."""
    from batcalc.physics.tradeoff import tradeoff

    i = claim.inputs
    if i.a is None or i.b is None:
        raise ctx.error(("inputs",), "a same-range claim needs cells 'a' and 'b'")
    _not_both(ctx, i, "pack_mass", "range", "a's pack is sized for the range")
    a, b = ctx.cell(i.a, ("inputs", "a")), ctx.cell(i.b, ("inputs", "b"))
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    t = tradeoff(a, b, v, "range", pack_mass=i.pack_mass.si if i.pack_mass else None,
                 target_range=i.range.si if i.range else None, cycle=i.cycle or "default")
    dim, asserted = _asserted_quantity(claim, ctx, ("mass", "fraction"))
    derived = t.mass_saved if dim == "mass" else t.mass_saved / t.a.pack.mass
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    text = (lambda x: f"{format_number(x)} kg") if dim == "mass" else (lambda x: f"{x * 100:.1f} %")
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {text(asserted)} saved",
                   f"{text(derived)} saved ({format_number(t.a.pack.mass)} -> {format_number(t.b.pack.mass)} kg pack, "
                   f"range {format_number(t.a.range / 1000)} km)",
                   "holds as stated" if status == "holds" else "a lighter b cell or a longer range",
                   list(t.a.assumptions), details={"mass_saved": Shown(t.mass_saved, "kg")})


def _consumption_for(i, ctx: Context, pack_mass: Optional[float]) -> tuple[Optional[float], list[str]]:
    """Consumption (J/m) from the inputs: given, or the vehicle's on its cycle at the resulting mass."""
    if i.consumption is not None:
        _not_both(ctx, i, "consumption", "vehicle", "the vehicle only gives a consumption")
        _not_both(ctx, i, "consumption", "cycle", "the cycle only gives the vehicle's consumption")
        return i.consumption.si, [f"consumption {i.consumption.text} (given)"]
    if i.vehicle is None:
        return None, []
    from batcalc.physics.tradeoff import cycle_label, default_cycle

    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)
    ref = v.spec.reference_pack.mass.si if v.spec.reference_pack and v.spec.reference_pack.mass else 0.0
    mass = v.total_mass(pack_mass if pack_mass is not None else ref)
    c = float(v.consumption_model(cycle)(mass))
    how = "with this pack" if pack_mass is not None else (
        f"with {v.id}'s reference pack mass ({format_number(ref)} kg)" if ref else "without a pack mass")
    return c, [f"consumption {format_number(c / 3.6)} Wh/km: {v.id} on {cycle_label(v, cycle)} at "
               f"{format_number(mass)} kg ({how})"] + v.load.assumptions()


def eval_range(claim, ctx: Context) -> Verdict:
    """``R = E_pack f_usable / c``; underdetermined without a pack energy or a consumption."""
    from batcalc.physics.pack import DEFAULT_F_USABLE, PackOptions, pack_from_mass

    i = claim.inputs
    _not_both(ctx, i, "pack_energy", "pack_mass", "a cell and pack_mass give the pack energy")
    f_u = i.usable_fraction.si if i.usable_fraction else DEFAULT_F_USABLE
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    assumptions = [f"usable energy {f_u * 100:.0f} % of the pack"]
    energy, pack_mass = (i.pack_energy.si if i.pack_energy else None), None
    cell = ctx.cell(i.cell, ("inputs", "cell")) if i.cell else None
    if energy is None and i.pack_mass is not None and cell is not None:
        p = pack_from_mass(cell, i.pack_mass.si, PackOptions(f_usable=f_u))
        energy, pack_mass = p.energy, p.mass
        assumptions += p.options.assumptions()[:1]
    missing = []
    if i.test_cycle == "unknown":
        assumptions.append("the claim names no test cycle: CLTC and NEDC figures run higher than WLTP, EPA lower")
    elif i.consumption is None and i.test_cycle != "WLTP":
        assumptions.append(f"the claim's range is on {i.test_cycle}; batcalc has no {i.test_cycle} trace and uses "
                           f"the vehicle's cycle below (CLTC and NEDC figures run higher than WLTP, EPA lower)")
    vehicle_name = i.vehicle
    if i.consumption is None and vehicle_name is None:
        missing.append("the consumption (or the vehicle)")
    c, c_notes = _consumption_for(i, ctx, pack_mass)
    if energy is not None:
        assumptions += c_notes
    else:
        missing.append("the pack energy")
    if missing:
        take = _range_would_take(asserted, f_u, c, cell, vehicle_name or DEFAULT_VEHICLE, i, ctx)
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined",
                       f"{_qual(claim)} {format_number(asserted / 1000)} km", "not computable", take, assumptions,
                       missing=missing)
    derived = energy * f_u / c
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    need_e = asserted * c / f_u
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {format_number(asserted / 1000)} km",
                   f"{format_number(derived / 1000)} km",
                   "holds as stated" if status == "holds" else
                   f"needs {format_number(need_e / 3.6e6)} kWh gross pack energy at this consumption, or a consumption "
                   f"of at most {format_number(energy * f_u / asserted / 3.6)} Wh/km",
                   assumptions, details={"range": Shown(derived / 1000, "km")})


def _range_would_take(asserted: float, f_u: float, c: Optional[float], cell, vehicle_name: str, i, ctx) -> str:
    from batcalc.physics.pack import PackOptions, pack_from_mass
    from batcalc.physics.tradeoff import cycle_label, default_cycle, solve_pack_mass_for_range

    if c is not None and i.vehicle is None:
        return f"a pack of {format_number(asserted * c / f_u / 3.6e6)} kWh gross at {format_number(c / 3.6)} Wh/km"
    v = ctx.vehicle(vehicle_name, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)
    if cell is not None and cell.get("gravimetric") is not None:
        m, _ = solve_pack_mass_for_range(cell, v, asserted, cycle, PackOptions(f_usable=f_u))
        p = pack_from_mass(cell, m, PackOptions(f_usable=f_u))
        c2 = float(v.consumption_model(cycle)(v.total_mass(m)))
        return (f"in a {v.id} on {cycle_label(v, cycle)}: a pack of {format_number(p.energy / 3.6e6)} kWh gross, "
                f"{format_number(m)} kg of {cell.id} at {_whkg(cell.get('gravimetric'))} (pack "
                f"{_whkg(p.gravimetric)}), at {format_number(c2 / 3.6)} Wh/km")
    c2 = float(v.consumption_model(cycle)(v.total_mass(v.spec.reference_pack.mass.si)))
    return (f"in a {v.id} on {cycle_label(v, cycle)} at {format_number(c2 / 3.6)} Wh/km: "
            f"{format_number(asserted * c2 / f_u / 3.6e6)} kWh gross")


def eval_consumption(claim, ctx: Context) -> Verdict:
    """The consumption a range implies: ``c = E_pack f_usable / R``."""
    from batcalc.physics.pack import DEFAULT_F_USABLE

    i = claim.inputs
    f_u = i.usable_fraction.si if i.usable_fraction else DEFAULT_F_USABLE
    _, asserted = _asserted_quantity(claim, ctx, ("consumption",))
    derived = i.pack_energy.si * f_u / i.range.si
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {format_number(asserted / 3.6)} Wh/km",
                   f"{format_number(derived / 3.6)} Wh/km implied",
                   "holds as stated" if status == "holds" else
                   f"a range of {format_number(i.pack_energy.si * f_u / asserted / 1000)} km from this pack",
                   [f"usable energy {f_u * 100:.0f} % of {i.pack_energy.text}"])


def _charge_pack(i, ctx: Context, cell) -> tuple[Optional[float], Optional[float], list[str]]:
    """(pack energy J, consumption J/m, notes) for a charge claim: given, or sized for ``range`` in the vehicle."""
    from batcalc.physics.pack import pack_from_mass
    from batcalc.physics.tradeoff import cycle_label, default_cycle, solve_pack_mass_for_range

    if i.pack_energy is not None and i.vehicle is None:
        return i.pack_energy.si, None, [f"pack energy {i.pack_energy.text} (given)"]
    if i.vehicle is None:
        return None, None, []
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)
    model = v.consumption_model(cycle)
    if i.pack_energy is not None:
        ref = v.spec.reference_pack.mass.si if v.spec.reference_pack and v.spec.reference_pack.mass else 0.0
        c = float(model(v.total_mass(ref)))
        return i.pack_energy.si, c, [f"pack energy {i.pack_energy.text} (given)",
                                     f"consumption {format_number(c / 3.6)} Wh/km ({v.id}, {cycle_label(v, cycle)})"]
    if i.range is not None and cell is not None and cell.get("gravimetric") is not None:
        m, _ = solve_pack_mass_for_range(cell, v, i.range.si, cycle)
        p = pack_from_mass(cell, m)
        c = float(model(v.total_mass(m)))
        return p.energy, c, [f"pack sized for {i.range.text} in {v.id} on {cycle_label(v, cycle)}: "
                             f"{format_number(p.energy / 3.6e6)} kWh gross, {format_number(m)} kg at "
                             f"{_whkg(cell.get('gravimetric'))} cell / {_whkg(p.gravimetric)} pack"] \
            + p.options.assumptions() + [f"consumption {format_number(c / 3.6)} Wh/km"]
    if v.spec.reference_pack is None:
        return None, None, []
    e = v.spec.reference_pack.energy.si
    ref = v.spec.reference_pack.mass.si if v.spec.reference_pack.mass else 0.0
    c = float(model(v.total_mass(ref)))
    return e, c, [f"pack energy {format_number(e / 3.6e6)} kWh ({v.id}'s reference pack)",
                  f"consumption {format_number(c / 3.6)} Wh/km ({cycle_label(v, cycle)})"]


def eval_charge(claim, ctx: Context) -> Verdict:
    """A charge window: average C-rate ``dSoC / t``, power ``dSoC E / t``, chargers that deliver it.

    The asserted value is the time (feasibility against the cell's max C-rate), a C-rate, or a power.
    An unstated start SoC is evaluated from 0 % and 10 %.
    """
    from batcalc.physics.charge import DEFAULT_CHARGER_EFFICIENCY, windows_for

    i = claim.inputs
    _soc_window(ctx, i.from_soc, i.to_soc)
    _not_both(ctx, i, "pack_energy", "range", "range sizes the pack")
    cell = ctx.cell(i.cell, ("inputs", "cell")) if i.cell else None
    if i.range is not None and (i.vehicle is None or cell is None or cell.get("gravimetric") is None):
        raise ctx.error(("inputs", "range"), "range sizes the pack in the vehicle from the cell's density: give "
                                             "'vehicle' and a 'cell' with a gravimetric density, or drop 'range'")
    if i.cycle is not None and i.vehicle is None:
        raise ctx.error(("inputs", "cycle"), "cycle is the vehicle's drive cycle: give 'vehicle' or drop 'cycle'")
    to_soc = i.to_soc.si if i.to_soc else None
    from_soc = i.from_soc.si if i.from_soc else None
    seconds = i.time.si if i.time else None
    raw = claim.asserted
    dim, asserted = _asserted_quantity(claim, ctx, ("time", "c_rate", "power"))
    if dim == "time":
        if asserted <= 0:
            raise ctx.error(("asserted",), f"the charge time {raw!r} must be positive")
        if seconds is None:
            seconds = asserted
        elif not math.isclose(seconds, asserted, rel_tol=1e-9):
            raise ctx.error(("asserted",), f"the asserted time {raw!r} differs from inputs.time {i.time.text!r}: "
                                           f"give the time once (drop inputs.time)")
    window_note = []
    if cell is not None and to_soc is None and cell.spec.charging.claims:
        first = cell.spec.charging.claims[0]
        if i.from_soc is not None:
            raise ctx.error(("inputs", "from_soc"), f"from_soc without to_soc: give to_soc too, or drop from_soc to "
                                                    f"use {cell.id}'s charge claim")
        to_soc = first.to_soc.si
        from_soc = first.from_soc.si if first.from_soc else None
        seconds = seconds if seconds is not None else first.time.si
        window_note = [f"SoC window from {cell.id}'s charge claim: {first.from_soc.text if first.from_soc else '?'} "
                       f"-> {first.to_soc.text}"]
    if to_soc is None or seconds is None:
        raise ctx.error(("inputs",), "a charge claim needs to_soc and time (or a cell with a charge claim)")
    energy, consumption, notes = _charge_pack(i, ctx, cell)
    notes = window_note + notes
    eta = i.charger_efficiency.si if i.charger_efficiency else DEFAULT_CHARGER_EFFICIENCY
    max_c = cell.get("max_c_rate") * 3600 if cell is not None and cell.get("max_c_rate") else None
    windows = windows_for(from_soc, to_soc, seconds, pack_energy=energy, consumption=consumption,
                          charger_efficiency=eta, max_c_rate=max_c)
    notes = list(notes) + [f"charger efficiency {eta * 100:.0f} % (grid power = battery power / efficiency)",
                           "battery power over the gross pack energy (an upper estimate)"]
    if from_soc is None:
        from batcalc.physics.charge import open_start_text

        notes.append(f"the claim does not say where the charge starts: {open_start_text(to_soc)} evaluated")
    parts, readings = [], []
    for w in windows:
        s = f"{w.from_soc * 100:.0f}->{w.to_soc * 100:.0f} %: {format_number(w.c_rate)} C"
        if w.battery_power is not None:
            s += f", {format_number(w.battery_power / 1e3)} kW"
            readings.append(f"{w.from_soc * 100:.0f}->{w.to_soc * 100:.0f} %: {format_number(w.c_rate)} C average, "
                            f"{format_number(w.battery_power / 1e3)} kW at the battery, "
                            f"{format_number(w.grid_power / 1e3)} kW from the charger (delivered by: "
                            f"{', '.join(c.id for c in w.chargers()) or 'no charger class in the catalogue'})"
                            + (f", {format_number(w.range_added / 1000)} km added "
                               f"({format_number(w.range_per_minute / 1000)} km per minute)"
                               if w.range_added is not None else ""))
        parts.append(s)
    derived = "; ".join(parts)
    details = {"windows": [{"from_soc": Shown(w.from_soc * 100, "%"), "to_soc": Shown(w.to_soc * 100, "%"),
                            "c_rate": Shown(w.c_rate, "C"),
                            "battery_power": Shown(w.battery_power / 1e3, "kW") if w.battery_power else None,
                            "grid_power": Shown(w.grid_power / 1e3, "kW") if w.grid_power else None,
                            "range_added": Shown(w.range_added / 1e3, "km") if w.range_added else None,
                            "chargers": [c.id for c in w.chargers()]} for w in windows]}
    missing = []
    if dim == "time":
        claimed = f"{format_number(seconds / 60)} min for {'?' if from_soc is None else format_number(from_soc * 100)}" \
                  f"->{format_number(to_soc * 100)} %"
        if max_c is None:
            status: Status = "underdetermined"
            missing.append("the cell's rated max charge C-rate")
            take = f"a cell rated for at least {format_number(max(w.c_rate for w in windows))} C average"
        else:
            worst = max(w.c_rate for w in windows)
            status = "holds" if worst <= max_c * (1 + _tol(claim)) else "fails"
            take = "holds as stated" if status == "holds" else \
                f"a cell rated for {format_number(worst)} C (this one: {format_number(max_c)} C)"
        if windows[0].battery_power is None:
            missing.append("the pack energy (for the power)")
    else:
        w0 = windows[0]
        value = w0.c_rate / 3600 if dim == "c_rate" else w0.battery_power
        if value is None:
            return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", str(raw), derived,
                           "the pack energy", notes, readings, missing=["the pack energy"], details=details)
        derived_value = value
        status = judge(derived_value, asserted, claim.qualifier, _tol(claim))
        claimed = f"{_qual(claim)} {raw}"
        take = "holds as stated" if status == "holds" else (
            f"a charge time of {format_number(w0.delta / (asserted * 3600) * 60)} min" if dim == "c_rate" else
            f"a charge time of {format_number(w0.delta * w0.pack_energy / asserted / 60)} min")
    return Verdict(claim.id, claim.kind, claim.quote, status, claimed, derived, take, notes, readings,
                   missing=missing, details=details)


def eval_range_added(claim, ctx: Context) -> Verdict:
    """Range added in a time: ``P t / c`` (power at the battery) or ``dSoC E f_usable / c``."""
    from batcalc.physics.pack import DEFAULT_F_USABLE

    i = claim.inputs
    _soc_window(ctx, i.from_soc, i.to_soc)
    window = [k for k in ("from_soc", "to_soc", "pack_energy") if getattr(i, k) is not None]
    if i.power is not None and window:
        raise ctx.error(("inputs", window[0]), f"give 'power', or a SoC window and 'pack_energy', not both: drop "
                                               f"'power' or {', '.join(repr(k) for k in window)}")
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    c, notes = _consumption_for(i, ctx, None)
    if c is None:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", f"{format_number(asserted / 1000)} km",
                       "not computable", "a consumption or a vehicle", notes, missing=["the consumption (or the vehicle)"])
    t = i.time.si
    if i.power is not None:
        energy = i.power.si * t
        notes.append(f"{i.power.text} average at the battery for {i.time.text}")
    elif i.to_soc is not None and i.pack_energy is not None:
        start = i.from_soc.si if i.from_soc else 0.0
        energy = (i.to_soc.si - start) * i.pack_energy.si * DEFAULT_F_USABLE
        notes.append(f"{format_number(start * 100)} -> {i.to_soc.text} of {i.pack_energy.text}, usable "
                     f"{DEFAULT_F_USABLE * 100:.0f} %")
    else:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", f"{format_number(asserted / 1000)} km",
                       "not computable", "a charging power, or a SoC window and pack energy", notes,
                       missing=["the charging power or the SoC window and pack energy"])
    derived = energy / c
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    return Verdict(claim.id, claim.kind, claim.quote, status,
                   f"{_qual(claim)} {format_number(asserted / 1000)} km in {i.time.text}",
                   f"{format_number(derived / 1000)} km ({format_number(derived / 1000 / (t / 60))} km/min)",
                   "holds as stated" if status == "holds" else
                   f"{format_number(asserted * c / t / 1e3)} kW average at the battery", notes)


def _figures(claim, ctx: Context):
    """The two figures of a ratio or difference claim, as ``(number, unit, base magnitude, dims)``."""
    a = ctx.figure(claim.inputs.a, ("inputs", "a"))
    b = ctx.figure(claim.inputs.b, ("inputs", "b"))
    if a[3] != b[3]:
        raise ctx.error(("inputs", "b"), f"{claim.inputs.b!r} cannot be compared with {claim.inputs.a!r}: "
                                         f"the dimensions differ")
    return a, b


def _per_unit(fig, ctx: Context, key: tuple) -> float:
    """Base magnitude of one of ``fig``'s units (to show results in the unit the claim used)."""
    return fig[2] / fig[0] if fig[0] else ctx.figure(f"1 {fig[1]}", key)[2]


def eval_ratio(claim, ctx: Context) -> Verdict:
    """``b / a``; an asserted ``'N %'`` (or ``'N percent'``) is the percent change ``(b/a - 1)``, a plain
    number the ratio."""
    a, b = _figures(claim, ctx)
    if a[2] == 0:
        raise ctx.error(("inputs", "a"), "the base figure is zero")
    ratio = b[2] / a[2]
    raw = claim.asserted
    asserted, percent = _asserted_factor(claim, ctx)
    status = judge(ratio, asserted, claim.qualifier, _tol(claim)) if not percent else \
        judge(ratio - 1, asserted - 1, claim.qualifier, _tol(claim))
    return Verdict(claim.id, claim.kind, claim.quote, status,
                   f"{_qual(claim)} {raw}" if percent else f"{_qual(claim)} x{format_number(asserted)}",
                   f"x{format_number(ratio)} ({_pct(ratio - 1)})",
                   "holds as stated" if status == "holds" else f"b = {format_number(a[0] * asserted)} {a[1]}",
                   [f"a = {claim.inputs.a}, b = {claim.inputs.b}"])


def eval_difference(claim, ctx: Context) -> Verdict:
    """``b - a``, compared with the asserted difference (same dimension) in base units; an asserted 0
    holds within the tolerance of the larger of ``|a|``, ``|b|``, whatever the units."""
    a, b = _figures(claim, ctx)
    q = ctx.figure(_asserted_raw(claim, ctx), ("asserted",))
    if q[3] != a[3]:
        raise ctx.error(("asserted",), f"{claim.asserted!r} cannot be compared with {claim.inputs.a!r}")
    status = judge(b[2] - a[2], q[2], claim.qualifier, _tol(claim), scale=max(abs(a[2]), abs(b[2])))
    unit = _per_unit(a, ctx, ("inputs", "a"))
    asserted, diff = q[2] / unit, (b[2] - a[2]) / unit
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {claim.asserted}",
                   f"{format_number(diff)} {a[1]}",
                   "holds as stated" if status == "holds" else f"b = {format_number(a[0] + asserted)} {a[1]}",
                   [f"a = {claim.inputs.a}, b = {claim.inputs.b}"])


def eval_product(claim, ctx: Context) -> Verdict:
    """The product of the factors, compared in the asserted value's unit."""
    total = None
    for k, f in enumerate(claim.inputs.factors):
        q = ctx.quantity(f, ("inputs", "factors", k))
        total = q if total is None else total * q
    q = ctx.quantity(claim.asserted, ("asserted",))
    try:
        derived = float(total.to(q.units).magnitude)
    except Exception:
        raise ctx.error(("asserted",), f"{claim.asserted!r} does not have the dimension of the product") from None
    asserted = float(q.magnitude)
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {claim.asserted}",
                   f"{format_number(derived)} {q.units:~P}",
                   "holds as stated" if status == "holds" else
                   f"factors multiplying to {format_number(asserted)} {q.units:~P} "
                   f"(x{format_number(asserted / derived)} of these)",
                   [" x ".join(str(f) for f in claim.inputs.factors)])


def eval_growth(claim, ctx: Context) -> Verdict:
    """Compound annual growth: ``(end / start)^(1 / years) - 1``."""
    i = claim.inputs
    years = i.end_year - i.start_year
    if years <= 0:
        raise ctx.error(("inputs", "end_year"), "end_year must be after start_year")
    start = ctx.figure(i.start, ("inputs", "start"))
    end = ctx.figure(i.end, ("inputs", "end"))
    if start[3] != end[3]:
        raise ctx.error(("inputs", "end"), f"{i.end!r} cannot be compared with {i.start!r}")
    if start[2] <= 0 or end[2] <= 0:
        raise ctx.error(("inputs", "end"), "start and end must be positive")
    ratio = end[2] / start[2]
    rate = ratio ** (1 / years) - 1
    _, asserted = _asserted_quantity(claim, ctx, ("fraction",))
    status = judge(rate, asserted, claim.qualifier, _tol(claim))
    end_needed = start[0] * (1 + asserted) ** years
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {asserted * 100:.1f} % a year",
                   f"{rate * 100:.1f} % a year over {years} years (x{format_number(ratio)})",
                   "holds as stated" if status == "holds" else
                   f"end = {format_number(end_needed)} {start[1]} in {i.end_year}",
                   [f"{i.start} in {i.start_year} -> {i.end} in {i.end_year}: (end/start)^(1/{years}) - 1",
                    ])


EVALUATORS: dict[str, Callable] = {
    "same-weight": eval_same_weight, "same-energy": eval_same_energy, "same-range": eval_same_range,
    "range": eval_range, "consumption": eval_consumption, "charge": eval_charge,
    "range-added": eval_range_added, "ratio": eval_ratio, "difference": eval_difference,
    "product": eval_product, "growth": eval_growth,
}


def evaluate(claim, ctx: Context) -> Verdict:
    """The verdict on one validated claim. An error from the layers below (an unknown cycle, a range
    no pack reaches) is located at the claim's ``inputs`` when the claim comes from a file."""
    try:
        verdict = EVALUATORS[claim.kind](claim, ctx)
    except SpecError:                       # located already (in this file or a file it names)
        raise
    except BatcalcError as exc:
        if ctx.doc is None:
            raise
        raise ctx.error(("inputs",), str(exc)) from None
    verdict.source = claim.source
    verdict.assumptions.append(f"tolerance {_tol(claim) * 100:g} % relative ({claim.qualifier})")
    if claim.note:
        verdict.assumptions.append(f"note: {claim.note}")
    return verdict


def check_file(name: str) -> tuple[Any, list[Verdict]]:
    """Load a claims file (catalogue id under specs/claims or a path) and evaluate every claim."""
    from batcalc.io.yamlfile import load_yaml
    from batcalc.spec.catalog import resolve
    from batcalc.spec.model import validate_document

    path, in_catalogue = resolve(name, "claim")
    doc = load_yaml(path)
    spec = validate_document(doc, expect="claims")
    ids = [c.id for c in spec.claims]
    for k, cid in enumerate(ids):
        if cid in ids[:k]:
            raise doc.error(("claims", k, "id"), f"duplicate claim id {cid!r}")
    return spec, [evaluate(c, Context(doc, ("claims", k))) for k, c in enumerate(spec.claims)]


def inline_inputs(items: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` command-line items as a dict; a key given twice is refused, not overwritten."""
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BatcalcError(f"input {item!r} is not KEY=VALUE (e.g. a=gac-aion-ssb-300)")
        if key.strip() in pairs:
            raise ClaimError(f"input {key.strip()!r} is given twice ({pairs[key.strip()]!r} and {value.strip()!r}): "
                             f"give it once")
        pairs[key.strip()] = value.strip()
    return pairs


def check_inline(kind: str, inputs: dict[str, str], asserted: str, qualifier: str = "about",
                 tolerance: Optional[str] = None, quote: Optional[str] = None) -> Verdict:
    """Evaluate one claim given on the command line (``key=value`` inputs)."""
    from pydantic import ValidationError

    from batcalc.io.yamlfile import Document
    from batcalc.spec.model import _first_error

    if kind not in CLAIM_MODELS:
        import difflib

        hint = difflib.get_close_matches(kind, list(CLAIM_MODELS), n=1)
        raise ClaimError(f"unknown claim kind {kind!r}" + (f"; did you mean {hint[0]!r}?" if hint else
                                                           f"; kinds: {', '.join(CLAIM_MODELS)}"))
    data: dict[str, Any] = {"id": "command-line", "kind": kind, "quote": quote or f"{kind} claim",
                            "asserted": asserted, "qualifier": qualifier, "inputs": dict(inputs)}
    if kind == "product" and "factors" in inputs:
        data["inputs"]["factors"] = [f.strip() for f in inputs["factors"].split("*")]
    if tolerance is not None:
        data["tolerance"] = tolerance
    model = CLAIM_MODELS[kind]
    doc = Document("<command line>", data)
    try:
        claim = model.model_validate(data)
    except ValidationError as exc:
        err = _first_error(exc, model, doc)
        raise ClaimError(err.message) from None
    return evaluate(claim, Context(None))
