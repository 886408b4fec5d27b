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
from functools import partial
from pathlib import Path
from typing import Any, Callable, Literal, NamedTuple, Optional, Sequence, Union, cast

import batcalc.spec.catalog as catalog
from batcalc import units
from batcalc.cache import ByIdentity
from batcalc.claims.expr import COUNTING, COUNTING_RE
from batcalc.claims.expr import counted as _counted
from batcalc.errors import (
    BatcalcError,
    ClaimError,
    ClaimInputsError,
    InputsError,
    SpecError,
    UnitError,
    literal,
    reworded,
    word_list,
)
from batcalc.io.yamlfile import load_yaml, shown_path
from batcalc.physics.bands import Assumed
from batcalc.spec.claims import CLAIM_MODELS, DEFAULT_VEHICLE, KIND_INPUTS, ClaimsFile  # noqa: F401
from batcalc.spec.model import validate_document

#: Relative tolerance of 'about' and 'up-to' when the precision stated is finer: news figures are rounded.
DEFAULT_TOLERANCE = 0.05

#: Limits of a claims file, a long list by design (other spec files keep the limits of
#: :mod:`batcalc.io.yamlfile`): 16 MiB and 1,000,000 YAML nodes, room for 25,000 claims of ~40 nodes.
MAX_CLAIMS_FILE_BYTES = 16 << 20
MAX_CLAIMS_FILE_NODES = 1_000_000

Status = Literal["holds", "fails", "underdetermined", "depends"]





# ---------------------------------------------------------------------------------- the verdicts

class Value(NamedTuple):
    """A number a verdict shows, kept in SI until the report layer renders it in a unit system
    (:mod:`batcalc.report.claims`).

    ``dim`` is a dimension name of :data:`batcalc.units.DIMENSIONS` (``si`` is then in its SI unit:
    J, m, J/m, J/kg, W, s, 1/s, a fraction), ``distance`` (a length shown in km or mi), ``factor``
    (a ratio, shown as 'x1.167') or ``given`` (a figure of the claim in its own ``unit``, shown as
    written, not converted). ``fmt`` is the format spec of the shown number ('' : 4 significant
    figures); ``unit`` fixes the display unit (kWh for pack energies) instead of the unit system's;
    ``bare`` leaves the unit out (the '10' of '10->80 %').
    """

    si: float
    dim: str
    fmt: str = ""
    unit: str = ""
    bare: bool = False


class BySystem(NamedTuple):
    """A stated assumption whose text differs by unit system, written by the physics layer in each (a
    road load's C_d A, rotating mass and fade speed): rendered as ``metric`` or ``imperial``."""

    metric: str
    imperial: str


def _stated(metric: Any, imperial: Any) -> list:
    """Physics' stated assumptions written in both unit systems, paired: a text the same in both stays a
    string, one that differs is a :class:`BySystem`."""
    return [m if m == i else BySystem(m, i) for m, i in zip(metric, imperial, strict=True)]


#: Text with numbers in it: a string, or a tuple of strings and :class:`Value` parts joined when
#: rendered (each Value in the unit system asked for), or a :class:`BySystem` (a whole note).
Phrase = Union[str, tuple]


@dataclass
class Verdict:
    """The outcome of one claim: status, the claimed and derived values (SI, see :class:`Value`) and
    the texts that show them, assumptions, what it would take.

    ``claimed`` is the asserted value; ``derived`` the value computed to compare with it (a list for
    charge claims with one entry per charge window; None when not computable); ``needed`` the value
    that would make a claim that does not hold hold, when it is one number. The ``*_text``,
    ``would_take``, ``assumptions`` and ``readings`` are :data:`Phrase` s.
    """

    id: str
    kind: str
    quote: str
    status: Status
    claimed_text: Phrase
    derived_text: Phrase
    would_take: Phrase = ""
    assumptions: list = field(default_factory=list)
    readings: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    source: Optional[str] = None
    claimed: Optional[Value] = None
    derived: Union[Value, list, None] = None
    needed: Optional[Value] = None
    qualifier: str = "about"
    #: the evidence ledger: (figure, grade) of every figure the verdict used; grades are datasheet,
    #: press, reference (a source's grade), unsourced, or assumption (presets, simulations, defaults)
    evidence: list = field(default_factory=list)
    #: a verdict over what the claim leaves open (a range's test cycle, a charge's start): (what is open,
    #: the word before an alternative, {alternative: holds or fails}); a 'between' claim combines its two
    #: bounds alternative by alternative (:func:`_between`)
    open_over: Optional[tuple[str, str, dict[str, Status]]] = None
    #: the claims file's record of ``source`` (a :class:`batcalc.spec.model.Source`: title, grade, url or
    #: document, date), when the claim cites one
    cited: Any = None

class MissingFact(Exception):
    """A fact the claim needs that its inputs do not give (a cell that publishes no density the claim
    rests on): :func:`evaluate` turns it into an underdetermined verdict that names ``fact`` as missing and
    says what would decide it (``take``), as docs/claims.md promises for a missing fact; not an input
    error, which would stop the whole file."""

    def __init__(self, fact: str, take: Phrase, more: Sequence[str] = (), notes: Sequence[Phrase] = ()) -> None:
        super().__init__(fact)
        self.fact, self.take, self.more, self.notes = fact, take, list(more), list(notes)

    def also(self, other: "MissingFact") -> "MissingFact":
        """This fact and ``other``'s, both missing: both named, and what would give each (a figure is not
        solved for while another is missing)."""
        return MissingFact(self.fact, _joined([self.take, other.take], "; "), [*self.more, other.fact, *other.more],
                           self.notes)

    def noting(self, notes: Sequence[Phrase]) -> "MissingFact":
        """This missing fact with the claim's ``notes`` (its figures and references) for its verdict."""
        return MissingFact(self.fact, self.take, self.more, [*notes, *self.notes])


class MissingFigure(MissingFact):
    """A cell's figure an expression or a figure input names (``catl-shenxing-lfp.gravimetric``) that the
    cell does not publish: a :class:`MissingFact`, and the claim's own arithmetic can say what the figure
    would have to be, as for a figure left as '?'. ``ref`` is the reference as written (``id.figure``),
    ``dim`` its dimension (:data:`batcalc.physics.cells.FIGURES`) and ``si_unit`` the SI unit of its value."""

    def __init__(self, fact: str, take: Phrase, ref: str, dim: str, si_unit: str) -> None:
        super().__init__(fact, take)
        self.ref, self.dim, self.si_unit = ref, dim, si_unit

    @property
    def dims(self) -> str:
        """The figure's dimension signature (pint's dimensionality as text), as a figure's ``dims``."""
        return str(units.parse_unit(self.si_unit).dimensionality)


def _density_of(cell, key: str, side: str, take: Optional[str] = None) -> float:
    """``cell``'s ``key`` energy density (``gravimetric`` J/kg, ``volumetric`` J/m^3), or a
    :class:`MissingFact` naming it and what would give it: ``take``, by default the input
    ``{side}_density`` in place of the cell ``side``."""
    rho = cell.get(key)
    if rho is None:
        example = "300 Wh/kg" if key == "gravimetric" else "700 Wh/L"
        raise MissingFact(f"{cell.id}'s {key} energy density (the cell publishes none)",
                          take or f"a {key} energy density for {cell.id}: give it as {side}_density "
                                  f"(e.g. '{example}') in place of {side}")
    return float(rho)


#: How each qualifier compares: the ones that name the same test as another (docs/claims.md, table).
_SAME_TEST = {"over": "at-least", "under": "at-most", "up-to": "at-most"}


def judge(derived: float, asserted: float, qualifier: str, tolerance: float, scale: float = 1.0) -> Status:
    """holds / fails: ``about`` within ``tolerance`` relative; ``at-least`` (and ``over``) derived >=
    asserted (1 - tol); ``at-most`` (and ``under``, ``up-to``) derived <= asserted (1 + tol).

    An asserted 0 has no relative tolerance: ``about 0`` holds when ``|derived| <= tol x scale``, with
    ``scale`` the size of what is compared (1 for plain numbers and fractions; for a difference the
    larger input, in the same units as ``derived``)."""
    qualifier = _SAME_TEST.get(qualifier, qualifier)
    if qualifier == "at-least":
        ok = derived >= asserted - abs(asserted) * tolerance
    elif qualifier == "at-most":
        ok = derived <= asserted + abs(asserted) * tolerance
    elif asserted == 0:
        ok = abs(derived) <= tolerance * scale
    else:
        ok = abs(derived / asserted - 1) <= tolerance
    return "holds" if ok else "fails"


def judge_factor(ratio: float, asserted: float, change: bool, qualifier: str, tolerance: float) -> Status:
    """holds / fails of a ratio (dimensionless, b / a) against an asserted factor (``3``, ``'3x'``) or,
    when ``change`` (written as a change, '+3 %' = x1.03), in percentage points: the change ``ratio - 1``
    against ``asserted - 1``, so the precision stated of '+3 %' (0.5 / 3) applies to the 3 %, not to
    the factor 1.03 (docs/claims.md, Tolerance). :func:`judge` decides either way; the one rule of the
    kinds whose asserted value is a factor (``ratio``, ``same-weight``, ``same-volume``)."""
    if change:
        return judge(ratio - 1, asserted - 1, qualifier, tolerance)
    return judge(ratio, asserted, qualifier, tolerance)


#: Catalogue vehicles at a point of the assumptions, with the assumptions they read, by (loaded vehicle
#: object, point), for every check of the process: the loaded vehicle is kept so that its id stays its own, and
#: the same file version gives the same object (batcalc.physics.vehicle.load_vehicle).
_AT_POINT: ByIdentity[tuple[Any, frozenset]] = ByIdentity(256)


class Context:
    """What an evaluator needs besides the claim: loaders (cached) and located errors."""

    def __init__(self, doc=None, loc: tuple = (), cache: Optional[dict] = None,
                 grades: Optional[dict] = None, assumed: Optional[Assumed] = None,
                 sources: Optional[dict] = None) -> None:
        self.doc, self.loc = doc, loc
        #: the claims file's sources (:class:`batcalc.spec.model.Source`), by id
        self.sources: dict = sources or {}
        #: the default assumptions this evaluation runs at (recording which it reads: the axes of
        #: its bands, batcalc.claims.bands); the physics defaults unless a band run sets others
        self.assumed: Assumed = assumed if assumed is not None else Assumed()
        #: grade of each source of the claims file, by id (the grade of a claim's own figures)
        self.grades: dict = grades or {}
        #: (figure, grade) pairs noted while evaluating (references of an expression)
        self.evidence: list = []
        #: the reference-pack figures read for a vehicle's consumption, (id of the vehicle's spec, figure):
        #: 'mass' where no pack mass is given, 'energy' where no pack energy is (for the evidence ledger)
        self.packs_read: set[tuple[int, str]] = set()
        #: the vehicles this evaluation used, by name as written (:meth:`vehicle_at_point`'s triple)
        self.vehicles: dict[str, tuple[Any, Any, frozenset]] = {}
        #: loaded cells and vehicles and computed consumptions, shared by the claims of one check
        self.cache: dict = cache if cache is not None else {}
        #: this evaluates one bound of a 'between' claim (:func:`_between`), whose qualifier is then at-least
        #: or at-most: not the claim's own (an "up to" of a charge power is a peak; a 'between' is not)
        self.bound_of_between = False

    def cached(self, key: tuple, make: Callable):
        """``make()``, computed once per ``key`` for all claims sharing this context's cache."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = make()
            return value

    def error(self, key: tuple, message: str) -> BatcalcError:
        """A claim's error at ``key`` (its ``inputs`` as a whole: at the key, not at the mapping's first
        entry, which a block mapping starts with)."""
        if self.doc is not None:
            return self.doc.error(self.loc + key, message, key=key == ("inputs",))
        return ClaimError(f"{'.'.join(map(str, key))}: {message}")

    def _load(self, loader: Callable, kind: str, name: str, key: tuple):
        """Load a cell or vehicle (``kind``) named in the claim: a catalogue id is the catalogue's (as
        :func:`~batcalc.spec.catalog.resolve` reads it); another relative path is taken from the claims
        file's folder; a name that is not found is located at ``key`` (errors inside the named file keep
        their own location)."""
        if self.doc is not None and name not in catalog.catalog_id_set(kind) and catalog._looks_like_path(name) \
                and not Path(name).is_absolute():
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
            raise reworded(exc, lambda text: self.error(key, text)) from None

    def cell(self, name: str, key: tuple):
        """A cell named by id or path; a value with a unit where a cell belongs ('300 Wh/kg') is pointed
        to the ``*_density`` input that takes it."""
        from batcalc.physics.cells import load_cell

        hit = self.cache.get(("cell", name))
        if hit is not None:
            return hit
        if name not in catalog.catalog_id_set("cell") and units.looks_like_value(name) \
                and not name.strip().endswith((".yaml", ".yml")) and not Path(name).exists():
            field = str(key[-1])
            hint = f"{field}_density" if field in ("a", "b") else "a density input"
            raise self.error(key, f"{name!r} is a value, not a cell: give a cell id or path here, or the value as "
                                  f"{hint}, e.g. {hint}=\"{name.strip()}\"")
        return self.cached(("cell", name), lambda: self._load(load_cell, "cell", name, key))

    def assume(self, id: str) -> float:
        """The value of default assumption ``id`` at this evaluation (specs/assumptions.yaml)."""
        return self.assumed[id]

    def vehicle(self, name: str, key: tuple):
        """A vehicle named by id or path, with this evaluation's assumed defaults where its spec is
        silent (cached per vehicle and point, the assumptions it read recorded on each use)."""
        hit = self.vehicles[name] = self.vehicle_at_point(name, key)
        self.assumed.used |= hit[2]
        return hit[1]

    def vehicle_at_point(self, name: str, key: tuple) -> tuple[Any, Any, frozenset]:
        """(the vehicle as loaded, the vehicle at this evaluation's point of the assumptions, the ids of
        the assumptions its spec's silence made it read) for vehicle ``name``: :meth:`vehicle`, without
        recording the assumptions as read."""
        from batcalc.physics.vehicle import load_vehicle

        base = self.cached(("vehicle", name), lambda: self._load(load_vehicle, "vehicle", name, key))
        point = ("vehicle at", id(base), self.assumed.key())
        # this check's cache holds every vehicle it used, so the entries keyed by a vehicle's id (its
        # consumptions, solves) stay that vehicle's for the whole check; a catalogue vehicle's points are
        # also kept for the process (at most 256, _AT_POINT), a user's file's for this check only
        hit = self.cache.get(point)
        if hit is None:
            catalogued = name in catalog.catalog_id_set("vehicle")
            kept = _AT_POINT.get(base, point[2]) if catalogued else None
            if kept is None:
                probe = Assumed(self.assumed)
                kept = base.with_assumed(probe), frozenset(probe.used)
                if catalogued:
                    _AT_POINT.put(base, point[2], kept)
            hit = self.cache[point] = (base,) + kept
        return hit

    def consumption(self, v, cycle: Optional[str], pack_mass: Optional[float]) -> tuple[float, float, Phrase]:
        """:func:`_vehicle_consumption`, once per vehicle, cycle and pack mass for all claims of a check
        (``v`` comes from :meth:`vehicle`, cached in the same dict, so its ``id`` stays its own); without a
        pack mass, the vehicle's reference pack mass is noted as read."""
        if pack_mass is None:
            self.packs_read.add((id(v.spec), "mass"))
        return self.cached(("consumption", id(v), cycle, pack_mass), lambda: _vehicle_consumption(v, cycle, pack_mass))

    def figure(self, text: Any, key: tuple) -> tuple[float, str, float, str]:
        """A figure of any dimension: (number, unit, base magnitude, dimension signature); counting
        words scale the number ('1.95 billion yuan' = 1.95e9 yuan)."""
        read = _counted(text)
        try:
            p = units.parse_value(read)
            return p.number, p.unit, p.si, p.dims
        except BatcalcError as exc:
            raise self.error(key, _as_given(str(exc), text, read)) from None

    def quantity(self, text: Any, key: tuple, dim: Optional[str] = None):
        """A figure as a pint Quantity, for unit algebra (products of factors); counting words scale
        it like :meth:`figure`."""
        read = _counted(text)
        try:
            if dim is None:
                from batcalc.claims.expr import quantity

                return quantity(read)
            return units.parse_quantity(read, dim)
        except BatcalcError as exc:
            raise self.error(key, _as_given(str(exc), text, read)) from None


def _claimed_as_written(claim, ctx: Context) -> Optional[Value]:
    """The asserted figure as written (its number in its own unit, counting word applied), for a verdict
    that derives nothing to compare it with; None when it is no figure with a unit (a plain number or a
    percentage is a factor or a change, which each kind states its own way)."""
    try:
        number, unit, _, _ = ctx.figure(_asserted_raw(claim, ctx), ("asserted",))
    except BatcalcError:
        return None
    return Value(number, "given", unit=unit) if unit not in ("", "%", "percent") else None


def _as_given(message: str, given: Any, read: str) -> str:
    """An error ``message`` about ``read`` (``given`` with its counting word applied) quoting what was
    given: "value '2e6 trillion mi' is too large", not '2e+18 mi'."""
    given = str(given)
    return message if read == given else message.replace(repr(read.strip()), repr(given.strip()))


def _in_words_of(text: Any, number: float, unit: str, fit: bool = False) -> Value:
    """A figure derived from ``text`` (``number`` in ``unit``, counting word applied) shown with the counting
    word ``text`` was written with: 2.211e11 yuan from '1.95 billion yuan' is '221.1 billion yuan' (for the
    text of what a claim would take; its JSON ``needed`` keeps the plain unit). With ``fit``, a figure that
    may be of another size than ``text``'s (a solved '?') keeps that word from 0.1 to 1000 of it ('0.8 million
    USD') and else takes the word of its own size: 1e7 yuan from '10 billion yuan' is '10 million yuan', not
    '0.01 billion yuan'; 500 yuan is '500 yuan'."""
    m = COUNTING_RE.match(str(text))
    if m is None:
        return Value(number, "given", unit=unit)
    word = m.group(2).lower()
    if fit and not 0.1 <= abs(number) / COUNTING[word] < 1000:
        fitting = [w for w in COUNTING if COUNTING[w] <= abs(number)]
        if not fitting:                         # below a thousand: no counting word
            return Value(number, "given", unit=unit)
        word = max(fitting, key=COUNTING.__getitem__)
    return Value(number / COUNTING[word], "given", unit=f"{word} {unit}".strip())


def _worded(raw: Any, v: Any) -> Any:
    """``v``, a figure the claim wrote as ``raw``, shown as written: in ``raw``'s counting word when it has
    one (:func:`_in_words_of`: '1.2 million mi', not '1200000 mi') and with the decimals ``raw`` states
    ('465.0 km' and '1.0 million km', whose precision the tolerance reads, not '465 km'); else ``v`` itself."""
    shift = 0                           # decimals of the shown number less those written
    if isinstance(v, Value) and v.dim == "fraction" and isinstance(raw, (str, int, float)) \
            and not isinstance(raw, bool):
        shown = v                       # a percentage: '50 %' is shown '50 %', not '50.0 %'; '0.14' as '14 %'
        shift = 0 if str(raw).strip().endswith(("%", "percent")) else -2
    elif not (isinstance(raw, str) and isinstance(v, Value) and v.dim == "given"):
        return v
    else:
        shown = _in_words_of(raw, v.si, v.unit or "") if COUNTING_RE.match(raw) else v
    precision = stated_precision(raw)
    decimals = None if precision is None else max(0, round(-math.log10(2 * precision[1])) + shift)
    if decimals is not None and 0 <= decimals <= 12 and (not shown.fmt or shown.dim == "fraction"):
        fmt = f".{decimals}f"
        if fmt != shown.fmt:            # (the same: the figure itself, which evaluate then need not replace)
            return Value(shown.si, shown.dim, fmt, shown.unit, shown.bare)
    return shown


def stated_precision(raw: Any) -> Optional[tuple[float, float]]:
    """``(number, half a unit in its last stated digit)`` of an asserted figure: '190 kg' -> (190, 0.5),
    '3.5 %' -> (3.5, 0.05), '+40 %' -> (40, 0.5); a figure from a YAML number keeps no trailing zeros
    (3.50 reads as 3.5). None for text that is not a number first."""
    if isinstance(raw, (int, float)):
        text = repr(float(raw)) if not float(raw).is_integer() else str(int(raw))
    else:
        text = str(raw)
    m = _LEADING_NUMBER_RE.match(text)
    if m is None:
        return None
    number, whole, frac, exp = m.groups()         # one call for the four groups: this runs twice a claim
    if not (whole or frac):
        return None
    return float(number), 0.5 * 10.0 ** (int(exp or 0) - len(frac or ""))


_LEADING_NUMBER_RE = re.compile(
    r"^\s*[+-]?\s*((?P<whole>[0-9]*)(?:\.(?P<frac>[0-9]*))?(?:[eE](?P<exp>[+-]?[0-9]{1,3}))?)")


#: The last claim :func:`tolerance_of` was asked about and its answer (an evaluator asks, then
#: :func:`evaluate` again; claims are frozen models, so the same object has the same answer).
_LAST_TOLERANCE: tuple[Any, tuple[float, str]] = (None, (DEFAULT_TOLERANCE, "default"))


def tolerance_of(claim) -> tuple[float, str]:
    """(relative tolerance, how it was chosen) of a claim: the claim's ``tolerance`` when given;
    otherwise the precision stated, half a unit in the last digit of the asserted number relative to
    it ('190 kg': 0.5 / 190), widened to :data:`DEFAULT_TOLERANCE` for ``about`` and ``up-to``
    (rounded headline figures); an asserted 0 takes :data:`DEFAULT_TOLERANCE` (see :func:`judge`)."""
    global _LAST_TOLERANCE
    last = _LAST_TOLERANCE
    if last[0] is claim:
        return last[1]
    found = _tolerance_of(claim)
    _LAST_TOLERANCE = (claim, found)
    return found


def _tolerance_of(claim) -> tuple[float, str]:
    found = stated_precision(claim.asserted) if not isinstance(claim.asserted, list) else None
    if found is not None and found[0] == 0 and _SAME_TEST.get(claim.qualifier, claim.qualifier) != "about":
        return 0.0, ZERO_BOUND            # judge: asserted x (1 -/+ tol) is 0 whatever tol is
    if claim.tolerance is not None:
        return claim.tolerance.si, "given" if found is None or found[0] != 0 else _zero_how(claim)
    if found is None:
        return DEFAULT_TOLERANCE, "default"
    if found[0] == 0:
        return _zero_band(claim, found[1])
    number, half = found
    rel = half / abs(number)
    if claim.qualifier in ("about", "up-to") and rel < DEFAULT_TOLERANCE:
        return DEFAULT_TOLERANCE, "default"
    m = _LEADING_NUMBER_RE.match(str(claim.asserted))
    unit = str(claim.asserted)[m.end():].strip() if m and isinstance(claim.asserted, str) else ""
    return rel, f"±{half:g}{' ' + unit if unit else ''}, the precision stated"


def _zero_band(claim, half: float) -> tuple[float, str]:
    """The tolerance of an asserted 0 (compared by :func:`judge` as ``|derived| <= tol x scale``): for a
    figure with a unit (not a difference, which scales by its inputs) half a unit in the last stated
    digit, in SI ('0 km': 500 m); otherwise :data:`DEFAULT_TOLERANCE` (a plain number or a percentage:
    ±5 percentage points)."""
    unit = _written_unit(claim.asserted)
    if claim.kind == "difference" or unit in ("", "%", "percent"):
        return DEFAULT_TOLERANCE, _zero_how(claim)
    try:
        per_unit = 1 / 3600.0 if unit == "C" else units.parse_value(f"1 {unit}").si
    except BatcalcError:
        return DEFAULT_TOLERANCE, _zero_how(claim)
    return half * per_unit, f"absolute for an asserted 0: ±{half:g} {unit}, the precision stated"


#: How :func:`tolerance_of` chose no tolerance: an asserted 0 with ``at-least``, ``at-most`` (and the
#: qualifiers judged as they are) is a bound, compared exactly (0 x (1 - tol) is 0).
ZERO_BOUND = "none: an asserted 0 is a bound"
#: How :func:`tolerance_of` chose the tolerance of ``about 0`` that :func:`judge` applies as
#: ``|derived| <= tol x scale``: absolute, in percentage points or of the larger input of a difference.
ZERO_POINTS, ZERO_SCALED = "zero: points", "zero: scaled"


def _zero_how(claim) -> str:
    return ZERO_SCALED if claim.kind == "difference" else ZERO_POINTS


def _tol(claim) -> float:
    return tolerance_of(claim)[0]


_QUAL_WORDS = {"about": "about", "at-least": "at least", "at-most": "at most", "over": "over", "under": "under",
               "up-to": "up to", "between": "between"}


def _qual(claim) -> str:
    return _QUAL_WORDS[claim.qualifier]


def _pct(x: float) -> Value:
    """A relative change shown as a signed percentage ('+16.7 %')."""
    return Value(x, "fraction", "+z.1f")


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
        if raw < 0:
            _refuse_below_floor(claim, ctx, "factor", raw, raw)
        return raw, False
    text = raw.strip()
    times = text[-1:].lower() in ("x", "×")
    try:
        number, unit = units.split_value(text[:-1] if times else text)
    except UnitError as exc:
        raise ctx.error(("asserted",), f"{exc} ({_FACTOR_FORMS})") from None
    unit = unit.strip()
    if unit in ("%", "percent") and not times:
        factor, change = 1.0 + number / 100.0, True
    elif unit:
        raise ctx.error(("asserted",), f"malformed factor {text!r}: {_FACTOR_FORMS}")
    else:
        factor, change = number, False
    if factor < 0:
        _refuse_below_floor(claim, ctx, "factor", factor, raw, change)
    return factor, change


#: The least value an asserted figure of a claim kind can take, by (kind, dimension), where it is below 0:
#: a ratio is signed (money and plain numbers may be negative; :func:`eval_ratio` refuses a negative ratio
#: of physical figures, which it knows only once it has read them), a saving at the same energy or range may be
#: negative (b is heavier or bulkier than a), and a yearly rate of growth falls by at most all of the figure
#: (-100 %: start and end are positive). Every other asserted figure is at least 0: a distance, a
#: consumption, a charge time, C-rate or power, and the factor of two densities (b's over a's). The kinds
#: that read their asserted value as any figure (``difference``, ``product``, ``expression``) are signed.
_ASSERTED_FLOOR: dict[tuple[str, str], float] = {
    ("ratio", "factor"): -math.inf, ("same-energy", "fraction"): -math.inf,
    ("same-energy-volume", "fraction"): -math.inf, ("same-range", "mass"): -math.inf,
    ("same-range", "fraction"): -math.inf, ("growth", "fraction"): -1.0}

#: What an asserted figure of each dimension is, in the message refusing one below its floor.
_ASSERTED_NOUN = {"length": "distance", "consumption": "consumption"}


def _refuse_below_floor(claim, ctx: Context, dim: str, value: float, given: Any, change: bool = False) -> None:
    """Refuse, at the asserted value, an asserted figure ``value`` (SI, or a factor: ``dim`` 'factor', written
    as a ``change`` or not) below the least its claim kind can have (:data:`_ASSERTED_FLOOR`, else 0): "a
    range of -5 km" has no meaning, and answering it gave a verdict on nonsense."""
    floor = _ASSERTED_FLOOR.get((claim.kind, dim), 0.0)
    if value >= floor:
        return
    text = repr(_figure_text(given))
    if dim == "factor":
        what = "a fall of more than 100 %" if change else "a negative factor"
        why = f"a {claim.kind} claim's factor, b's density over a's, is at least 0 (densities are positive)"
    elif floor < 0:
        what = "a fall of more than 100 % a year"
        why = f"a {claim.kind} claim's yearly rate is at least -100 % (start and end are positive)"
    else:
        noun = _ASSERTED_NOUN.get(dim) or units.DIMENSIONS[dim].label
        what = f"a negative {noun}"
        why = f"a {claim.kind} claim's {noun} is at least 0"
    raise ctx.error(("asserted",), f"{text} is {what}: {why}")


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
    given, raw = raw, _counted(raw)       # errors quote the figure as given ('1 million kWh', not '1000000.0 kWh')
    for dim in dims:                      # the common units need no pint
        try:
            si = units.parse_value(raw, dim).si
        except BatcalcError as exc:
            if dim == "fraction" and _is_bare_number(raw):      # '14': 14 % or 1400 %?
                raise ctx.error(("asserted",), _as_given(str(exc), given, raw)) from None
            continue
        if si < 0:
            _refuse_below_floor(claim, ctx, dim, si, given)
        return dim, si
    ctx.figure(given, ("asserted",))      # malformed text: its own message
    if _is_bare_number(raw):
        raise ctx.error(("asserted",), _as_given(f"{raw.strip()!r} has no unit: give one "
                                                 f"({' or '.join(_examples(dims))})", given, raw))
    if "consumption" in dims:
        _refuse_reciprocal_consumption(raw, ctx)
    raise ctx.error(("asserted",), _as_given(f"{raw!r} has the wrong dimension for a {claim.kind} claim: expected "
                                             f"{' or '.join(_examples(dims))}", given, raw))


def _disagreeing(ctx: Context, raw: Any, asserted: Any, text: str, value: Any) -> BatcalcError:
    """The error of an expression ``text`` (its ``value``) whose dimension is not that of the asserted
    figure ``raw`` (``asserted``); a consumption asserted the other way up ('4.5 mi/kWh' of a
    ``mid-sedan.consumption``) is named as such (:func:`_refuse_reciprocal_consumption`)."""
    consumption = units.Q_(1.0, "J/m").dimensionality
    if isinstance(raw, str) and value.dimensionality == consumption and (1 / asserted).dimensionality == consumption:
        _refuse_reciprocal_consumption(raw, ctx)
    return ctx.error(("asserted",), f"{raw!r} is {units.describe_units(asserted)} but {text!r} is "
                                    f"{units.describe_units(value)}: the dimensions must agree")


def _refuse_reciprocal_consumption(raw: str, ctx: Context) -> None:
    """Refuse an asserted consumption written the other way up, as a distance per energy (``4 mi/kWh``,
    ``120 MPGe``), naming the consumption it is (:func:`batcalc.units.convert`, which inverts it) in the
    unit system asked for, and that its qualifier turns round with it; return if it is not one."""
    try:
        consumption = units.convert(raw, "J/m")
    except BatcalcError:
        return
    written = raw.strip()

    def text(system: str) -> str:
        value = units.shown_text(consumption, "consumption", system)
        return (f"{written!r} is a distance per energy, the reciprocal of a consumption: assert {value!r} "
                f"instead (batcalc convert {written!r} {value.split()[-1]}), turning its qualifier round "
                f"(at least {written} is at most {value})")
    raise reworded(units.error_in_systems(text), lambda message: ctx.error(("asserted",), message))


def _as_written(claim, si: float, dim: str, fmt: str = "") -> Value:
    """The asserted value as the claim wrote it: its number in its own unit ('75 mi' stays '75 mi' in
    every unit system and format) when it was written with a unit, else ``Value(si, dim, fmt)``."""
    raw = claim.asserted
    if isinstance(raw, str):
        text = _counted(raw)
        try:
            number, unit = units.split_value(text)
        except UnitError:
            return Value(si, dim, fmt)
        unit = unit.strip()
        if unit and unit not in ("%", "percent", "C"):
            return Value(number, "given", fmt, unit=unit)
    return Value(si, dim, fmt)


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


#: Example units in claim messages where the generic one would mislead (a range is not in mm).
_CLAIM_EXAMPLES = {"length": "km or mi, e.g. '465 km'", "number": "a plain number"}


def _examples(dims) -> list[str]:
    """How to write a value of each dimension in ``dims``, for messages: '465 km' for a distance."""
    return [_CLAIM_EXAMPLES.get(d) or f"{units.DIMENSIONS[d].label} such as '1 {units.DIMENSIONS[d].example}'"
            if units.DIMENSIONS[d].example else _CLAIM_EXAMPLES.get(d, d) for d in dims]


#: The dimension (:data:`batcalc.units.DIMENSIONS`) of a cell's density by its key.
_DENSITY_DIM = {"gravimetric": "specific_energy", "volumetric": "energy_density"}


def _densities(claim, ctx: Context, key: str = "gravimetric") -> tuple[float, float, list, Any, Any]:
    """Densities of a and b, from cells or given densities (``key``: gravimetric, J/kg, or
    volumetric, J/m^3); checks levels agree."""
    i = claim.inputs
    cells: list = []
    rhos: list[float] = []
    notes: list = []
    for side in ("a", "b"):
        _not_both(ctx, i, side, f"{side}_density", "a cell's density or a given one")
        name, dens = getattr(i, side), getattr(i, f"{side}_density")
        if name is None and dens is None:
            raise ctx.error(("inputs",), f"give '{side}' (a cell) or '{side}_density' (e.g. '300 Wh/kg')")
        if dens is not None:
            cells.append(None)
            rhos.append(dens.si)
            notes.append((f"{side}: ", Value(dens.si, _DENSITY_DIM[key]), " (given)"))
        else:
            cell = ctx.cell(name, ("inputs", side))
            rho = _density_of(cell, key, side)
            cells.append(cell)
            rhos.append(rho)
            notes.append((f"{side}: {cell.id} at ", Value(rho, _DENSITY_DIM[key]), f" ({cell.level} level)"))
            notes += _stated([f"warning: {cell.id}: {w}" for w in cell.warnings_in("metric")],
                             [f"warning: {cell.id}: {w}" for w in cell.warnings_in("imperial")])
    if all(c is not None for c in cells) and cells[0].level != cells[1].level:
        raise ctx.error(("inputs",), f"{cells[0].id} is {cells[0].level} level and {cells[1].id} is "
                                     f"{cells[1].level} level: not comparable")
    return rhos[0], rhos[1], notes, cells[0], cells[1]


def _holds(status: Status, take: Union[Phrase, Callable[[], Phrase]]) -> Phrase:
    """What a claim would take: 'holds as stated' when it holds, else ``take`` (a callable is called only
    then: a text that takes work to write, such as a figure in its counting word)."""
    if status == "holds":
        return "holds as stated"
    return take() if callable(take) else take


def _cycle_phrase(before: str, vehicle: Any, cycle: Optional[str], after: str) -> Any:
    """``before``, a cycle's label (:func:`~batcalc.physics.tradeoff.cycle_label`) and ``after`` as one
    phrase part: a string, or a :class:`BySystem` where the systems differ (a constant speed written in the
    other system's unit). One part, so that the Values after it keep their places (the keys of a
    verdict's bands, :func:`batcalc.claims.bands.figures_of`)."""
    from batcalc.physics.tradeoff import cycle_label

    metric = cycle_label(vehicle, cycle)
    if not metric.startswith("constant "):      # a trace's or a measured figure's label: the same in both
        return f"{before}{metric}{after}"
    imperial = cycle_label(vehicle, cycle, "imperial")
    return f"{before}{metric}{after}" if metric == imperial else BySystem(f"{before}{metric}{after}",
                                                                           f"{before}{imperial}{after}")


def _joined(phrases: list, sep: str) -> tuple:
    """Phrases joined with ``sep`` into one phrase."""
    out: list = []
    for k, p in enumerate(phrases):
        out += ([sep] if k else []) + ([p] if isinstance(p, str) else list(p))
    return tuple(out)


def _c_rate_si(per_hour: float) -> float:
    """A C-rate in 1/h (as :mod:`batcalc.physics.charge` gives it) in SI, 1/s."""
    return per_hour / units.from_si(1.0, "c_rate", "C")


# ----------------------------------------------------------------------------------- evaluators

def eval_same_weight(claim, ctx: Context) -> Verdict:
    """Same pack mass: ``E_b/E_a = rho_b/rho_a``; vehicle mass unchanged so range scales the same."""
    ra, rb, notes, *_ = _densities(claim, ctx)
    factor, change = _asserted_factor(claim, ctx)
    derived = rb / ra
    status = judge_factor(derived, factor, change, claim.qualifier, _tol(claim))
    reading = claim.inputs.reading
    x, asserted = Value(derived, "factor"), Value(factor, "factor")
    readings: list = [("energy per charge at the same pack mass: ", x)]
    if reading in ("range", "battery-life"):
        readings.append(("range per charge at the same pack mass: ", x,
                         " (vehicle mass unchanged, so range scales with energy)"))
    if reading == "battery-life":
        readings.append("cycle life / calendar life: not determined by energy density (no cycle-life figures "
                        "are given for these cells); that reading is underdetermined")
    # a factor of 0 or less: no density gives it (it said "needs b at -900 Wh/kg")
    need = Value(factor * ra, "specific_energy") if factor > 0 else None
    take = ("needs b at ", need, " (", asserted, " of ", Value(ra, "specific_energy"),
            ") at the same cell-to-pack fraction") if need is not None else _no_density(asserted)
    return Verdict(claim.id, claim.kind, claim.quote, status, _factor_claimed(claim, asserted, change),
                   (x, " (", _pct(derived - 1), ")"), _holds(status, take),
                   notes + ["same pack mass and cell-to-pack fraction: E2/E1 = rho2/rho1"], readings,
                   details={"ratio": derived, "asserted": factor, "needed_b_density": need},
                   claimed=asserted, derived=x, needed=need)


def _no_density(asserted: Value) -> Phrase:
    """What it would take for a factor of 0 or less at the same mass or volume: nothing can (a density is
    positive, so b / a is too)."""
    return ("no density of b gives ", asserted, " (densities are positive)")


def _factor_claimed(claim, asserted: Value, change: bool) -> Phrase:
    """The claimed text of a factor claim, as the claim wrote it: 'about x3', or a change 'about +16 %'."""
    return (f"{_qual(claim)} {_figure_text(claim.asserted)}",) if change else (f"{_qual(claim)} ", asserted)


def _same_energy_saving(claim, ctx: Context, key: str, dim: str, words: str, ratio: str,
                        need_words: tuple[str, str], note: str, details: bool) -> Verdict:
    """A saving at the same energy from the densities ``key`` of a and b: ``1 - rho_a/rho_b`` (mass
    for gravimetric, volume for volumetric densities); b needs ``rho_a / (1 - saving)``."""
    ra, rb, notes, *_ = _densities(claim, ctx, key)
    _, asserted = _asserted_quantity(claim, ctx, ("fraction",))
    saving = 1 - ra / rb
    status = judge(saving, asserted, claim.qualifier, _tol(claim))
    claimed, derived = Value(asserted, "fraction", ".1f"), Value(saving, "fraction", ".1f")
    # a saving of 100 % or more: no density gives it (it was an infinite 'needed': "needs b at inf Wh/kg",
    # and --bands refused the claim, "needed is not finite")
    need = Value(ra / (1 - asserted), dim) if asserted < 1 else None
    take = ("needs b at ", need, need_words[0], claimed, need_words[1]) if need is not None else \
        ("no density of b gives" + need_words[0].removeprefix(" for"), claimed, need_words[1])
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed, f" {words}"),
                   (derived, f" {words} ({ratio} = ", Value(ra / rb, "factor"), ")"),
                   _holds(status, take),
                   notes + [note],
                   details={"mass_ratio": ra / rb, "saving": saving} if details else {},
                   claimed=claimed, derived=derived, needed=need)


def eval_same_energy(claim, ctx: Context) -> Verdict:
    """Same energy: ``m_b/m_a = rho_a/rho_b``; saving ``1 - rho_a/rho_b``."""
    return _same_energy_saving(claim, ctx, "gravimetric", "specific_energy", "lighter", "m_b/m_a",
                               (" for a ", " saving"), "same energy and cell-to-pack fraction: m2/m1 = rho1/rho2", True)


def eval_same_volume(claim, ctx: Context) -> Verdict:
    """Same pack volume: ``E_b/E_a = rhoV_b/rhoV_a`` (volumetric densities, same cell-to-pack volume
    fraction). Range scales the same only at a fixed consumption: at the same volume the pack's mass
    changes with its gravimetric density, and the consumption with the vehicle's mass."""
    ra, rb, notes, ca, cb = _densities(claim, ctx, "volumetric")
    factor, change = _asserted_factor(claim, ctx)
    derived = rb / ra
    status = judge_factor(derived, factor, change, claim.qualifier, _tol(claim))
    x, asserted = Value(derived, "factor"), Value(factor, "factor")
    readings: list = [("energy per charge at the same pack volume: ", x)]
    if claim.inputs.reading == "range":
        mass = ""
        if ca is not None and cb is not None and ca.get("gravimetric") and cb.get("gravimetric"):
            m = (rb / cb.get("gravimetric")) / (ra / ca.get("gravimetric"))     # pack mass b / a at one volume
            mass = f"; here the pack mass changes x{units.format_number(m)}, so the consumption does too"
        readings.append(("range per charge: ", x, " only at a fixed pack volume and a fixed consumption" + mass))
    need = Value(factor * ra, "energy_density") if factor > 0 else None     # none gives a factor of 0 or less
    take = ("needs b at ", need, " (", asserted, " of ", Value(ra, "energy_density"),
            ") at the same cell-to-pack volume fraction") if need is not None else _no_density(asserted)
    return Verdict(claim.id, claim.kind, claim.quote, status, _factor_claimed(claim, asserted, change),
                   (x, " (", _pct(derived - 1), ")"), _holds(status, take),
                   notes + ["same pack volume and cell-to-pack volume fraction: E2/E1 = rhoV2/rhoV1"], readings,
                   claimed=asserted, derived=x, needed=need)


def eval_same_energy_volume(claim, ctx: Context) -> Verdict:
    """Same energy in less space: volume saving ``1 - rhoV_a/rhoV_b`` ("37 % less space")."""
    return _same_energy_saving(claim, ctx, "volumetric", "energy_density", "less space", "V_b/V_a",
                               (" for ", " less space"),
                               "same energy and cell-to-pack volume fraction: V2/V1 = rhoV1/rhoV2", False)


def eval_same_range(claim, ctx: Context) -> Verdict:
    """Same range with mass feedback (see :func:`batcalc.physics.tradeoff.tradeoff`): mass saved, kg, or
    as a fraction of a's pack mass. What it would take follows the direction of the miss: more saving
    than derived takes a denser b cell or a longer range (heavier packs save more), less a less dense b
    cell or a shorter range."""
    from batcalc.physics.tradeoff import tradeoff

    i = claim.inputs
    if i.a is None or i.b is None:
        raise ctx.error(("inputs",), "a same-range claim needs cells 'a' and 'b'")
    _not_both(ctx, i, "pack_mass", "range", "a's pack is sized for the range")
    a, b = ctx.cell(i.a, ("inputs", "a")), ctx.cell(i.b, ("inputs", "b"))
    for side, cell in (("a", a), ("b", b)):      # the packs are sized from the cells' Wh/kg
        _density_of(cell, "gravimetric", side, f"a gravimetric energy density for {cell.id}: a cell file that "
                                               f"gives it (batcalc new cell) as {side}")
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    if i.pack_mass is None and i.range is None and v.spec.reference_pack is None:
        raise ctx.error(("inputs",), f"vehicle {v.id} has no reference pack to size a's pack from: give 'range' "
                                     f"(both packs are sized for it) or a's 'pack_mass'")
    if i.pack_mass is None and i.range is None:
        ctx.packs_read.add((id(v.spec), "mass"))          # a's pack is the vehicle's reference pack
    t = tradeoff(a, b, v, "range", pack_mass=i.pack_mass.si if i.pack_mass else None,
                 target_range=i.range.si if i.range else None, cycle=i.cycle or "default")
    dim, asserted = _asserted_quantity(claim, ctx, ("mass", "fraction"))
    derived = t.mass_saved if dim == "mass" else t.mass_saved / t.a.pack.mass
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    fmt = "" if dim == "mass" else ".1f"
    claimed, found = _as_written(claim, asserted, dim, fmt), Value(derived, dim, fmt)
    rho_b = Value(b.get("gravimetric"), "specific_energy")
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed, " saved"),
                   (found, " saved (", Value(t.a.pack.mass, "mass", bare=True), " -> ", Value(t.b.pack.mass, "mass"),
                    " pack, range ", Value(t.a.range, "distance"), ")"),
                   _holds(status, ("a denser b cell (more than ", rho_b,
                                   ") or a longer range (heavier packs save more)") if derived < asserted else
                          ("a less dense b cell (less than ", rho_b, ") or a shorter range (lighter packs save less)")),
                   _stated(t.assumptions_in("metric"), t.assumptions_in("imperial")) + _warned(t),
                   details={"mass_saved": Value(t.mass_saved, "mass")},
                   claimed=claimed, derived=found)


def _warned(t) -> list[Phrase]:
    """The warnings of both sides of a trade-off ``t`` (a vehicle over its max gross mass, a pack heavier
    than the rest, a motor that cannot follow the cycle), once each, in both unit systems: what
    ``batcalc tradeoff`` prints (:meth:`batcalc.physics.tradeoff.Tradeoff.warnings_in`)."""
    def both(system: str) -> list[str]:
        return [f"warning: {w}" for w in t.warnings_in(system)]
    metric = both("metric")
    return _stated(metric, both("imperial")) if metric else []


def _vehicle_consumption(v, cycle: Optional[str], pack_mass: Optional[float]) -> tuple[float, float, Phrase]:
    """(consumption J/m, vehicle mass kg, how the pack mass was chosen) of vehicle ``v`` on ``cycle``
    with a pack of ``pack_mass`` kg; without one, with the vehicle's reference pack mass
    (:func:`batcalc.physics.tradeoff.reference_pack_mass`), and without a pack when it has none."""
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import reference_pack_mass

    how: Phrase = "with this pack"
    if pack_mass is None:
        try:
            pack_mass = reference_pack_mass(v, None, PackOptions())
            how = (f"with {v.id}'s reference pack mass (", Value(pack_mass, "mass"), ")")
        except BatcalcError:
            pack_mass, how = 0.0, "without a pack mass"
    mass = v.total_mass(pack_mass)
    return float(v.consumption_model(cycle)(mass)), mass, how


def _cannot_follow(v, cycles: tuple[Optional[str], ...], mass: float) -> list[Phrase]:
    """A warning for each of ``cycles`` that vehicle ``v`` at ``mass`` kg cannot follow: the peak motor
    output the cycle asks against the motor's rated power, and for how long; the consumption assumes the
    motor delivers it (:func:`batcalc.physics.vehicle.trace_warnings`, the text ``batcalc range`` prints,
    in both unit systems). None for a measured consumption or a motor without a rated power."""
    from batcalc.physics.vehicle import trace_warnings

    out: list[Phrase] = []
    for name in cycles:
        metric = trace_warnings(v, name, mass)
        if metric:
            out += _stated([f"warning: {w}" for w in metric],
                           [f"warning: {w}" for w in trace_warnings(v, name, mass, "imperial")])
    return out


def _consumption_for(i, ctx: Context, pack_mass: Optional[float]) -> tuple[Optional[float], list]:
    """Consumption (J/m) from the inputs: given, or the vehicle's on its cycle at the resulting mass."""
    if i.consumption is not None:
        _not_both(ctx, i, "consumption", "vehicle", "the vehicle only gives a consumption")
        _not_both(ctx, i, "consumption", "cycle", "the cycle only gives the vehicle's consumption")
        return i.consumption.si, [("consumption ", Value(i.consumption.si, "consumption"), " (given)")]
    if i.vehicle is None:
        return None, []
    from batcalc.physics.tradeoff import default_cycle

    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)
    c, mass, how = ctx.consumption(v, cycle, pack_mass)
    return c, [_joined([("consumption ", Value(c, "consumption"), _cycle_phrase(f": {v.id} on ", v, cycle, " at "),
                         Value(mass, "mass"), " ("), how, ")"], "")] \
        + (_stated(v.load.assumptions(), v.load.assumptions("imperial")) if v.simulated_on(cycle) else []) \
        + _cannot_follow(v, (cycle,), mass)


def _pack_mass_of_cell(i, ctx: Context, cell, energy: float, f_u: float) -> tuple[Optional[float], list]:
    """Mass, kg, of a pack of ``energy`` J (gross) of the claim's ``cell`` in its vehicle, and the note saying
    so: ``m = E / (rho_cell f_mass)`` (:func:`batcalc.physics.tradeoff.pack_mass_for_energy`, the rule of
    ``batcalc charge``, a charge claim and ``batcalc range --pack-energy``). ``(None, [])`` (the vehicle's
    reference pack mass) when no vehicle gives the consumption or the cell gives no gravimetric density."""
    if cell is None or cell.get("gravimetric") is None or i.vehicle is None or i.consumption is not None:
        return None, []
    from batcalc.physics.pack import PackOptions
    from batcalc.physics.tradeoff import pack_mass_for_energy

    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    mass, how = pack_mass_for_energy(v, cell, energy, PackOptions.assumed(ctx.assumed, f_usable=f_u))
    return mass, [("pack mass ", Value(mass, "mass"), f" ({how})")]


#: The ratings a range claim is judged on when it names no test cycle (docs/claims.md: it holds or fails only
#: if it does on all of them).
COMMON_RATINGS = ("wltp", "epa", "cltc", "nedc")


def eval_range(claim, ctx: Context) -> Verdict:
    """``R = E_pack f_usable / c``; underdetermined without a pack energy or a consumption.

    With a vehicle (and no ``cycle`` of its own), the consumption is simulated on the claim's
    ``test_cycle`` (WLTP = WLTC 3b, EPA = the two-cycle label, CLTC = CLTC-P, NEDC); a claim that names
    no test cycle is judged on all four: it holds or fails only if it does on every one, else it is
    underdetermined and the ratings that disagree are named."""
    from batcalc.physics.energy import consumption_for_range, gross_energy_for_range, range_from_energy, usable_energy
    from batcalc.physics.pack import PackOptions, pack_from_mass
    from batcalc.physics.ratings import (
        CAR_CLASSES,
        EXAMPLE_TRUCK_SPEED,
        RATING_CYCLES,
        RATING_LABELS,
        anchor_note,
        rated_on,
        rating_consumption,
        unrated_note,
    )

    i = claim.inputs
    _not_both(ctx, i, "pack_energy", "pack_mass", "a cell and pack_mass give the pack energy")
    f_u = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    claimed = _as_written(claim, asserted, "distance")
    assumptions: list = [("usable energy ", Value(f_u, "fraction", ".0f"), " of the pack")]
    energy, pack_mass = (i.pack_energy.si if i.pack_energy else None), None
    if i.cell is not None and i.pack_energy is not None and i.consumption is not None:
        raise ctx.error(("inputs", "cell"), "the cell is not used with 'pack_energy' and 'consumption' (it gives the "
                                            "pack energy of a 'pack_mass', or weighs the pack in a 'vehicle'): "
                                            "drop 'cell'")
    cell = ctx.cell(i.cell, ("inputs", "cell")) if i.cell else None
    no_energy = "the pack energy"
    if energy is None and i.pack_mass is not None and cell is not None:
        if cell.get("gravimetric") is None:     # a missing fact, as a missing pack energy is: underdetermined
            no_energy = (f"the pack energy ({cell.id} gives no gravimetric energy density for a pack of "
                         f"{i.pack_mass.text})")
        else:
            p = pack_from_mass(cell, i.pack_mass.si, PackOptions.assumed(ctx.assumed, f_usable=f_u))
            energy, pack_mass = p.energy, p.mass
            assumptions += p.options.assumptions()[:1]
    elif energy is not None:            # a pack of the cell's density, not the vehicle's reference pack mass
        pack_mass, mass_notes = _pack_mass_of_cell(i, ctx, cell, energy, f_u)
        assumptions += mass_notes
    missing = []
    simulate = i.consumption is None and i.vehicle is not None and i.cycle is None
    ratings = (COMMON_RATINGS if i.test_cycle == "unknown" else (i.test_cycle.lower(),)) if simulate else ()
    if i.test_cycle == "unknown" and not simulate:
        assumptions.append("the claim names no test cycle: CLTC and NEDC figures run higher than WLTP, EPA lower")
    elif i.test_cycle != "unknown" and not simulate and i.consumption is None:
        assumptions.append(f"the claim's range is on {i.test_cycle}; the cycle below is used instead, as the claim "
                           f"names it (CLTC and NEDC figures run higher than WLTP, EPA lower)")
    vehicle_name = i.vehicle
    if i.consumption is None and vehicle_name is None:
        missing.append("the consumption (or the vehicle)")
    c, c_notes = _consumption_for(i, ctx, pack_mass)
    if energy is not None:
        assumptions += c_notes[1:] if ratings else c_notes
    else:
        missing.append(no_energy)
    if missing or c is None or energy is None:
        if len(ratings) > 1:
            assumptions.append("the claim names no test cycle: the pack it takes is shown for the vehicle's own "
                               "cycle; CLTC and NEDC figures run higher than WLTP, EPA lower")
        would = _range_would_take(asserted, f_u, c, cell, vehicle_name or DEFAULT_VEHICLE, i, ctx)
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", (f"{_qual(claim)} ", claimed),
                       "not computable", would, assumptions, missing=missing, claimed=claimed)
    usable = usable_energy(energy, f_u)
    open_over: Optional[tuple[str, str, dict[str, Status]]] = None
    if ratings:                                   # simulated on the claim's rating(s)
        v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
        _, mass, how = ctx.consumption(v, None, pack_mass)
        run = rated_on(v, ratings)
        unrated = [r for r in ratings if r not in run]
        on = {r: ctx.cached(("rating", id(v), r, mass), lambda r=r: rating_consumption(v, r, mass)) for r in run}
        ranges = {r: range_from_energy(usable, on[r]) for r in run}
        statuses = {r: judge(ranges[r], asserted, claim.qualifier, _tol(claim)) for r in run}
        assumptions.append(_joined([(f"{v.id} at ", Value(mass, "mass"), " ("), how, ")"], ""))
        anchored = anchor_note(v)
        assumptions += [anchored] if anchored else []
        for r in run:
            assumptions.append((f"{RATING_LABELS[r]}: consumption ", Value(on[r], "consumption"), ", range ",
                                Value(ranges[r], "distance")))
        road_load = ""                            # what would rate it on the ratings it cannot be rated on
        if unrated:
            road_load = (f"{v.id}'s road load (drag_coefficient, frontal_area and rolling_resistance, or coast_down) "
                         f"to simulate the " + ", ".join(RATING_LABELS[r] for r in unrated))
            assumptions.append(unrated_note(v, unrated))
        if len(ratings) > 1:
            assumptions.append("the claim names no test cycle: judged on the WLTP, EPA label, CLTC and NEDC "
                               "ratings; it holds or fails only if it does on all of them")
        if v.spec.vehicle_class not in CAR_CLASSES:
            assumptions.append((_not_a_car(v) + ": give its own 'cycle' (e.g. '",
                                Value(EXAMPLE_TRUCK_SPEED, "speed", ".0f"), "') to judge it there"))
        assumptions += _cannot_follow(v, tuple(dict.fromkeys(x for r in run for x in RATING_CYCLES[r])), mass)
        if not run:                 # a vehicle with a measured consumption only, claimed on another rating
            missing.append(road_load)
            return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", (f"{_qual(claim)} ", claimed),
                           "not computable", f"{v.id}'s road load, or a claim on the rating its consumption was "
                                             f"measured on", assumptions, missing=missing, claimed=claimed)
        decisive = run[0] if len(run) == 1 else min(run, key=lambda r: abs(ranges[r] / asserted - 1)
                                                    if asserted else ranges[r])
        c = on[decisive]
        derived = Value(ranges[decisive], "distance")
        held = [r for r in run if statuses[r] == "holds"]
        status: Status = "holds" if len(held) == len(ratings) else "fails" if not held and not unrated \
            else "underdetermined"
        derived_text: Phrase = _joined([(f"{r.upper() if r != 'epa' else 'EPA label'} ", Value(ranges[r], "distance"))
                                        for r in run], "; ")
        if status == "underdetermined":
            failed = [r for r in run if r not in held]
            missing.append("the test cycle: it " + "; ".join(
                ([f"holds on {', '.join(r.upper() for r in held)}"] if held else [])
                + ([f"fails on {', '.join(r.upper() for r in failed)}"] if failed else []))
                + (f" (or {road_load})" if unrated else ""))
        if len(ratings) > 1 and not unrated:
            open_over = ("the test cycle", "on", {r.upper(): statuses[r] for r in ratings})
    else:
        decisive = ""
        derived = Value(range_from_energy(usable, c), "distance")
        status = judge(derived.si, asserted, claim.qualifier, _tol(claim))
        derived_text = (derived,)
    need = Value(gross_energy_for_range(asserted, c, f_u), "energy", unit="kWh")
    where = f" on the {RATING_LABELS[decisive]}, the rating nearest the claim" if len(ratings) > 1 else \
        " at this consumption"
    take: tuple = ("needs ", need, " gross pack energy" + where)
    if asserted > 0:      # the way the consumption must move: down for a range claimed above the figures, up below
        bound = "at most" if derived.si < asserted else "at least"
        take += (f", or a consumption of {bound} ", Value(consumption_for_range(usable, asserted), "consumption"))
    if status == "underdetermined":
        take = ("a stated test cycle (the claim's figure needs ", need, " gross" + where + ")")
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), derived_text,
                   _holds(status, take), assumptions, missing=missing, details={"range": derived}, claimed=claimed,
                   derived=derived, needed=need, open_over=open_over)


def _not_a_car(v) -> str:
    """That the light-duty car ratings do not fit vehicle ``v``, a truck (:data:`CAR_CLASSES` does not
    hold its class): the start of a note, which each kind ends with its advice
    (:func:`batcalc.physics.ratings.not_a_car_note`)."""
    from batcalc.physics.ratings import not_a_car_note

    return not_a_car_note(v)


def _range_would_take(asserted: float, f_u: float, c: Optional[float], cell, vehicle_name: str, i, ctx) -> Phrase:
    """What a range claim that cannot be computed would take: the pack (and the vehicle's consumption)."""
    from batcalc.physics.energy import gross_energy_for_range
    from batcalc.physics.pack import PackOptions, pack_from_mass
    from batcalc.physics.tradeoff import default_cycle, solve_pack_mass_for_range

    if not asserted > 0:
        return "a positive range to size a pack for"
    if c is not None and i.vehicle is None:
        return ("a pack of ", Value(gross_energy_for_range(asserted, c, f_u), "energy", unit="kWh"), " gross at ",
                Value(c, "consumption"))
    v = ctx.vehicle(vehicle_name, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)
    if cell is not None and cell.get("gravimetric") is not None:
        options = PackOptions.assumed(ctx.assumed, f_usable=f_u)
        m, _ = ctx.cached(("solve", id(cell), id(v), asserted, cycle, f_u),
                          lambda: solve_pack_mass_for_range(cell, v, asserted, cycle, options))
        p = pack_from_mass(cell, m, options)
        c2, _, _ = ctx.consumption(v, cycle, m)
        return (_cycle_phrase(f"in a {v.id} on ", v, cycle, ": a pack of "), Value(p.energy, "energy", unit="kWh"),
                " gross, ", Value(m, "mass"), f" of {cell.id} at ", Value(cell.get("gravimetric"), "specific_energy"),
                " (pack ", Value(p.gravimetric, "specific_energy"), "), at ", Value(c2, "consumption"))
    c2, _, _ = ctx.consumption(v, cycle, None)
    return (_cycle_phrase(f"in a {v.id} on ", v, cycle, " at "), Value(c2, "consumption"), ": ",
            Value(gross_energy_for_range(asserted, c2, f_u), "energy", unit="kWh"), " gross")


def eval_consumption(claim, ctx: Context) -> Verdict:
    """The consumption a range implies: ``c = E_pack f_usable / R``."""
    from batcalc.physics.energy import consumption_for_range, range_from_energy, usable_energy

    i = claim.inputs
    f_u = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
    _, asserted = _asserted_quantity(claim, ctx, ("consumption",))
    usable = usable_energy(i.pack_energy.si, f_u)
    claimed = _as_written(claim, asserted, "consumption")
    derived = Value(consumption_for_range(usable, i.range.si), "consumption")
    status = judge(derived.si, asserted, claim.qualifier, _tol(claim))
    need = Value(range_from_energy(usable, asserted), "distance") if asserted > 0 else None
    take: Phrase = ("a range of ", need, " from this pack") if need is not None else \
        "a positive consumption (none gives an infinite range)"
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), (derived, " implied"),
                   _holds(status, take),
                   [("usable energy ", Value(f_u, "fraction", ".0f"), f" of {i.pack_energy.text}")],
                   claimed=claimed, derived=derived, needed=need)


def eval_lifetime(claim, ctx: Context) -> Verdict:
    """Lifetime distance: cycles x range per charge, the range fading linearly to the retention the
    claim states (:func:`batcalc.physics.energy.lifetime_distance`); cycles and retention from the
    inputs or the named cell, the range given or ``E_pack f_usable / c``."""
    from batcalc.physics.energy import lifetime_distance, range_from_energy, usable_energy

    i = claim.inputs
    _not_both(ctx, i, "range", "pack_energy", "the range per charge is given")
    if i.cell is not None and i.cycles is not None and i.retention is not None \
            and (i.pack_energy is None or i.vehicle is None):
        raise ctx.error(("inputs", "cell"), "the cell is not used: 'cycles' and 'retention' are given, and it weighs "
                                            "the pack only with 'pack_energy' and a 'vehicle': drop 'cell'")
    cell = ctx.cell(i.cell, ("inputs", "cell")) if i.cell else None
    notes: list = []
    cycles = i.cycles.si if i.cycles is not None else cell.get("cycles") if cell is not None else None
    retention = i.retention.si if i.retention is not None else cell.get("retention") if cell is not None else None
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    claimed = _as_written(claim, asserted, "distance")
    missing = []
    if cycles is None:
        missing.append("the cycle life ('cycles', or a cell that gives one)")
    if retention is None:
        retention = 1.0 if cycles is not None and i.retention is None and cell is None else retention
        if retention is None:
            missing.append(_NO_RETENTION)
        else:
            notes.append("no retention stated: no fade assumed (an upper bound)")
    per_charge = i.range.si if i.range is not None else None
    if per_charge is None and i.pack_energy is not None:
        f_u = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
        pack_mass, mass_notes = _pack_mass_of_cell(i, ctx, cell, i.pack_energy.si, f_u)
        c, c_notes = _consumption_for(i, ctx, pack_mass)
        if c is not None:
            per_charge = range_from_energy(usable_energy(i.pack_energy.si, f_u), c)
            notes += [(f"range per charge from {i.pack_energy.text}, usable ", Value(f_u, "fraction", ".0f"), ": ",
                       Value(per_charge, "distance"))] + mass_notes + c_notes
    if per_charge is None:
        missing.append("the range per charge ('range', or 'pack_energy' with a consumption or vehicle)")
    if missing == [_NO_RETENTION] and cycles is not None and per_charge is not None and asserted > 0:
        return _over_retentions(claim, cycles, per_charge, asserted, claimed, notes)
    if missing:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", (f"{_qual(claim)} ", claimed),
                       "not computable", "; ".join(missing), notes, missing=missing, claimed=claimed)
    assert cycles is not None and retention is not None and per_charge is not None
    distance = lifetime_distance(cycles, per_charge, retention)
    derived = Value(distance, "distance")
    status = judge(distance, asserted, claim.qualifier, _tol(claim))
    need = None
    if per_charge > 0:                  # whole cycles: at least (or at most) enough for the claim, as its test asks
        exact = asserted / (per_charge * (1 + retention) / 2)
        test = _SAME_TEST.get(claim.qualifier, claim.qualifier)
        whole = math.ceil(exact - 1e-9) if test == "at-least" else math.floor(exact + 1e-9) if test == "at-most" \
            else round(exact)
        need = Value(float(whole), "count", ".0f")
    notes.append((f"{cycles:g} cycles x ", Value(per_charge, "distance"), " x (1 + ", Value(retention, "fraction"),
                  ") / 2 (range fading linearly to the retention at the end of life)"))
    from_cell = [name for name, given in (("cycle life", i.cycles), ("retention", i.retention)) if given is None]
    if cell is not None and from_cell:              # only what the cell gave: a figure of the claim's own is not
        notes.append(f"{' and '.join(from_cell)} from {cell.id}")
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), (derived,),
                   _holds(status, ("a cycle life of ", need, " at this range and retention") if need else
                          "a positive range"), notes, claimed=claimed, derived=derived, needed=need)


_NO_RETENTION = "the retention at the end of life"
#: the least retention at the end of life (lifetime_distance takes it above 0): the range fading to nothing
_LEAST_RETENTION = 1e-12


def _over_retentions(claim, cycles: float, per_charge: float, asserted: float, claimed: Value,
                     notes: list) -> Verdict:
    """A lifetime claim whose cell gives the cycle life and no retention at the end of life: judged at
    both ends of what a retention can be, the range fading to nothing (above 0 %) and no fade (100 %)
    (:func:`batcalc.physics.energy.lifetime_distance`, linear in the retention). It holds or fails when it
    does for every retention (a claim below half of ``cycles x range`` holds whatever the fade), else it is
    underdetermined and names the retention where it turns, as a charge's unstated start is decided."""
    from batcalc.physics.energy import lifetime_distance

    lo, hi = (lifetime_distance(cycles, per_charge, r) for r in (_LEAST_RETENTION, 1.0))
    ends = [judge(d, asserted, claim.qualifier, _tol(claim)) for d in (lo, hi)]
    derived_text: Phrase = (Value(lo, "distance"), " to ", Value(hi, "distance"), " (any retention)")
    notes = notes + [(f"{cycles:g} cycles x ", Value(per_charge, "distance"), " x (1 + retention) / 2, no retention "
                      "stated: from the range fading to nothing (", Value(lo, "distance"), ") to no fade (",
                      Value(hi, "distance"), ")")]
    details = {"fading_to_nothing": Value(lo, "distance"), "no_fade": Value(hi, "distance")}
    if ends[0] == ends[1] and (ends[0] == "holds" or (lo > asserted) == (hi > asserted)):
        status: Status = ends[0]
        take: Phrase = _holds(status, ("more cycle life or range: with no fade it reaches ", Value(hi, "distance"))
                              if hi < asserted else ("less cycle life or range: with the range fading to nothing "
                                                     "it still reaches ", Value(lo, "distance")))
        return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), derived_text,
                       take, notes, details=details, claimed=claimed)
    test = _SAME_TEST.get(claim.qualifier, claim.qualifier)
    tol = _tol(claim)

    def turning(distance: float) -> float:
        """The retention (0..1) at which the lifetime is ``distance`` (it is linear in the retention)."""
        return min(1.0, max(0.0, _LEAST_RETENTION + (distance - lo) / (hi - lo) * (1.0 - _LEAST_RETENTION)))
    if test == "at-least":
        turns = Value(turning(asserted * (1 - tol)), "fraction")
        take = ("a retention at the end of life of at least ", turns)
        details["retention_turns"] = turns              # a 'between' claim's two bounds give the span
    elif test == "at-most":
        turns = Value(turning(asserted * (1 + tol)), "fraction")
        take = ("a retention at the end of life of at most ", turns)
        details["retention_turns"] = turns
    else:
        take = ("a retention at the end of life from ", Value(turning(asserted * (1 - tol)), "fraction"), " to ",
                Value(turning(asserted * (1 + tol)), "fraction"))
    return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", (f"{_qual(claim)} ", claimed), derived_text,
                   take, notes, missing=[_NO_RETENTION + " (the claim turns on it)"], details=details,
                   claimed=claimed)


def _charge_pack(i, ctx: Context, cell) -> tuple[Optional[float], Optional[float], list]:
    """(pack energy J, consumption J/m, notes) for a charge claim: given, or sized for ``range`` in the vehicle."""
    from batcalc.physics.pack import PackOptions, pack_from_mass
    from batcalc.physics.tradeoff import default_cycle, reference_pack_energy, solve_pack_mass_for_range

    if i.pack_energy is not None and i.vehicle is None:
        return i.pack_energy.si, None, [f"pack energy {i.pack_energy.text} (given)"]
    if i.vehicle is None:
        return None, None, []
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle"))
    cycle = i.cycle if i.cycle is not None else default_cycle(v)

    def consumption_with(energy: float) -> tuple[float, list[Phrase]]:
        """The vehicle's consumption (J/m) with a pack of ``energy`` J, and the notes saying so (a warning too
        where the vehicle cannot follow the cycle): a pack of the claim's cell when it gives a gravimetric
        density (the rule of ``batcalc charge``: :func:`batcalc.physics.tradeoff.pack_mass_for_energy`),
        else the vehicle's reference pack mass."""
        if cell is not None and cell.get("gravimetric") is not None:
            from batcalc.physics.tradeoff import pack_mass_for_energy

            m, how = pack_mass_for_energy(v, cell, energy, PackOptions.assumed(ctx.assumed))
            c, mass, _ = ctx.consumption(v, cycle, m)
            return c, [("consumption ", Value(c, "consumption"), _cycle_phrase(f" ({v.id}, ", v, cycle, ", at "),
                        Value(mass, "mass"), f": {how})")] + _cannot_follow(v, (cycle,), mass)
        c, mass, _ = ctx.consumption(v, cycle, None)
        opening = " (" if i.pack_energy is None else f" ({v.id}, "
        return c, [("consumption ", Value(c, "consumption"), _cycle_phrase(opening, v, cycle, ")"))] \
            + _cannot_follow(v, (cycle,), mass)

    if i.pack_energy is not None:
        c, note = consumption_with(i.pack_energy.si)
        return i.pack_energy.si, c, [f"pack energy {i.pack_energy.text} (given)"] + note
    if i.range is not None and cell is not None and cell.get("gravimetric") is None:
        # a missing fact: no pack energy (what needs it is underdetermined; a C-rate or a time does not)
        return None, None, [("range ", Value(i.range.si, "distance"), f" not used: {cell.id} gives no gravimetric "
                             "energy density to size the pack for it")]
    if i.range is not None and cell is not None and cell.get("gravimetric") is not None:
        options = PackOptions.assumed(ctx.assumed)
        m, _ = ctx.cached(("solve", id(cell), id(v), i.range.si, cycle, options),
                          lambda: solve_pack_mass_for_range(cell, v, i.range.si, cycle, options))
        p = pack_from_mass(cell, m, options)
        c, mass, _ = ctx.consumption(v, cycle, m)
        return p.energy, c, [("pack sized for ", Value(i.range.si, "distance"),
                              _cycle_phrase(f" in {v.id} on ", v, cycle, ": "), Value(p.energy, "energy", unit="kWh"),
                              " gross, ", Value(m, "mass"), " at ",
                              Value(cell.get("gravimetric"), "specific_energy"), " cell / ",
                              Value(p.gravimetric, "specific_energy"), " pack")] \
            + p.options.assumptions() + [("consumption ", Value(c, "consumption"))] \
            + _cannot_follow(v, (cycle,), mass)
    try:
        e = reference_pack_energy(v)
    except BatcalcError:
        return None, None, []
    ctx.packs_read.add((id(v.spec), "energy"))
    c, note = consumption_with(e)
    return e, c, [("pack energy ", Value(e, "energy", unit="kWh"), f" ({v.id}'s reference pack)")] + note


#: The qualifiers that make an asserted charge power a peak when the claim gives no ``power_kind``: "up to"
#: (``up-to``, and ``at-most``, which claims files have used for it); any other is an average.
PEAK_QUALIFIERS = ("up-to", "at-most")


def _over_starts(windows: list, statuses: list[Status]) -> tuple[Status, list, list]:
    """A charge's verdict over its windows, one per start (an open start is charged from each assumed
    start: :func:`batcalc.physics.charge.starts_of`), from each window's ``statuses``: holds or fails if
    it does from every start, else underdetermined (the start is what is missing); with the windows it
    holds from and the others."""
    held = [w for w, st in zip(windows, statuses, strict=True) if st == "holds"]
    status: Status = statuses[0] if len(set(statuses)) == 1 else "underdetermined"
    return status, held, [w for w in windows if w not in held]


def _open_starts(windows: list, statuses: list[Status]) -> Optional[tuple[str, str, dict[str, Status]]]:
    """:attr:`Verdict.open_over` of a charge over the starts of its ``windows`` (an open start, charged
    from each assumed start) with each window's ``statuses``: None for one start, or when a window's
    verdict is neither holds nor fails."""
    if len(windows) < 2 or not all(st in ("holds", "fails") for st in statuses):
        return None
    return "the start of charge", "from", {f"{w.from_soc * 100:g} %": st for w, st in zip(windows, statuses,
                                                                                          strict=True)}


def _starts_text(windows: list) -> str:
    """The start SoCs of charge ``windows``, for a verdict's text: '0 %', '0 % and 10 %'."""
    return " and ".join(f"{w.from_soc * 100:g} %" for w in windows)


def _curve_stop(cell, windows: list) -> Optional[tuple[float, str]]:
    """``(stop, shape)`` when ``cell``'s own charge curve falls to 0 before the end of ``windows`` (they share it;
    :func:`batcalc.physics.charging.curve_stop`, the rule that refuses such a window in ``batcalc charge`` and
    makes ``charge --implied`` list it as none): no charge reaches that end at any C-rate. None otherwise."""
    from batcalc.physics.charging import curve_stop

    stopped = curve_stop(cell)
    return stopped if stopped is not None and windows[0].to_soc > stopped[0] else None


def _stop_note(stop: float, shape: str, to_soc: float, tail: str = " (batcalc charge refuses the window)") -> Phrase:
    """Why a charge window past ``stop`` (:func:`_curve_stop`) cannot be charged, for the assumptions."""
    return (f"{shape} is 0 from ", Value(stop, "fraction"), ": no charge passes it, so none reaches ",
            Value(to_soc, "fraction"), " at any C-rate" + tail)


def _stop_take(stop: float) -> Phrase:
    """What a charge claim past ``stop`` (:func:`_curve_stop`) would take."""
    return ("a window that ends by ", Value(stop, "fraction"), ", where the cell's charge curve falls to 0 "
            "(or a cell whose curve charges past it)")


def eval_charge(claim, ctx: Context) -> Verdict:
    """A charge window: average C-rate ``dSoC / t``, power ``dSoC E / t``, chargers that deliver it.

    The asserted value is the time (feasibility against the cell's max C-rate), a C-rate, or a power.
    An unstated start SoC is evaluated from 0 % and 10 % (:func:`batcalc.physics.charge.starts_of`); a
    time then holds or fails only if it does from each start, else it is underdetermined, the start
    missing.
    """
    from batcalc.physics.charge import charge_time, check_cycle_needs_vehicle, pack_voltage_for, windows_for
    from batcalc.physics.energy import charge_time_at_c_rate

    i = claim.inputs
    _soc_window(ctx, i.from_soc, i.to_soc)
    _not_both(ctx, i, "pack_energy", "range", "range sizes the pack")
    cell = ctx.cell(i.cell, ("inputs", "cell")) if i.cell else None
    if i.range is not None and (i.vehicle is None or cell is None):
        raise ctx.error(("inputs", "range"), "range sizes the pack in the vehicle from the cell's density: give "
                                             "'vehicle' and a 'cell', or drop 'range'")
    try:
        check_cycle_needs_vehicle(i.cycle, i.vehicle is not None)
    except InputsError as exc:
        raise ctx.error(("inputs", "cycle"), str(exc)) from None
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
        # the window and time are the cell's figures: in the evidence with the grade of the source they cite
        from batcalc.spec.model import cited_sources

        sid = (cited_sources(cell.spec) or {}).get(("charging", "claims", 0, "time")) or first.source
        grade = {s.id: s.grade for s in cell.spec.sources}.get(sid) if sid else None
        ctx.evidence.append((f"{cell.id} charge claim", grade or "unsourced"))
    if to_soc is None or seconds is None:
        raise ctx.error(("inputs",), "a charge claim needs to_soc and time (or a cell with a charge claim)")
    energy, consumption, notes = _charge_pack(i, ctx, cell)
    notes = window_note + notes
    eta = i.charger_efficiency.si if i.charger_efficiency else ctx.assume("charger-efficiency")
    max_c = cell.get("max_c_rate") if cell is not None and cell.get("max_c_rate") else None      # 1/s
    # the chargers that deliver a window's power into the pack's voltage (the same rule as batcalc charge)
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle")) if i.vehicle is not None else None
    volts, how = pack_voltage_for(v, None, ctx.assumed)
    # the range a window adds counts the usable share of dSoC E_pack (Window.range_added), at this
    # evaluation's usable fraction: the one a pack sized for 'range' is sized with (batcalc charge's rule)
    usable: dict[str, float] = {}
    if consumption is not None:
        usable["usable_fraction"] = ctx.assume("usable-fraction")
        if i.range is None:                                 # a sized pack states it with its options
            notes.append(("usable energy ", Value(usable["usable_fraction"], "fraction", ".0f"),
                          " of the pack, for the range added"))
    # (the claim judges the windows' C-rates against max_c itself: the windows need not carry the rating)
    windows = windows_for(from_soc, to_soc, seconds, pack_energy=energy, consumption=consumption,
                          charger_efficiency=eta, pack_voltage=volts, **usable)
    notes = list(notes) + [("charger efficiency ", Value(eta, "fraction", ".0f"),
                            " (grid power = battery power / efficiency)"),
                           "battery power over the gross pack energy (an upper estimate)",
                           ("pack voltage ", Value(volts, "voltage", ".4g"),
                            f": {v.id}'s reference pack" if how == "reference" and v is not None else
                            " (the default), for the chargers that deliver each window's power")]
    if from_soc is None:
        from batcalc.physics.charge import open_start_text

        notes.append(f"the claim does not say where the charge starts: {open_start_text(to_soc)} evaluated")
    parts, readings = [], []
    delivering = [w.chargers() for w in windows]        # each window's chargers, found once
    for w, found in zip(windows, delivering, strict=True):
        soc = (Value(w.from_soc, "fraction", ".0f", bare=True), "->", Value(w.to_soc, "fraction", ".0f"))
        c_rate = Value(_c_rate_si(w.c_rate), "c_rate")
        part: tuple = soc + (": ", c_rate)
        battery, grid, added, per_minute = w.battery_power, w.grid_power, w.range_added, w.range_per_minute
        if battery is not None and grid is not None:
            part += (", ", Value(battery, "power"))
            reading: tuple = soc + (": ", c_rate, " average, ", Value(battery, "power"), " at the battery, ",
                                    Value(grid, "power"), " from the grid (delivered by: "
                                    f"{', '.join(c.id for c in found) or 'no charger class in the catalogue'})")
            if added is not None and per_minute is not None:
                reading += (", ", Value(added, "distance"), " added (", Value(per_minute, "distance"), " per minute)")
            readings.append(reading)
        parts.append(part)
    derived_text = _joined(parts, "; ")
    details = {"windows": [{"from_soc": Value(w.from_soc, "fraction"), "to_soc": Value(w.to_soc, "fraction"),
                            "c_rate": Value(_c_rate_si(w.c_rate), "c_rate"),
                            "battery_power": Value(w.battery_power, "power") if w.battery_power else None,
                            "grid_power": Value(w.grid_power, "power") if w.grid_power else None,
                            "range_added": Value(w.range_added, "distance") if w.range_added else None,
                            "chargers": [c.id for c in found]} for w, found in zip(windows, delivering, strict=True)]}
    missing = []
    needed = None
    open_over = None
    # a window past where the cell's own curve falls to 0 is charged at no rate: a time or a peak fails
    stopped = _curve_stop(cell, windows)
    if dim == "time":
        claimed_value = Value(seconds, "time")
        claimed: Phrase = (f"{_qual(claim)} ", claimed_value, " for ",
                           "?" if from_soc is None else Value(from_soc, "fraction", bare=True), "->",
                           Value(to_soc, "fraction"))
        derived: Union[Value, list] = [Value(_c_rate_si(w.c_rate), "c_rate") for w in windows]
        worst = max(w.c_rate for w in windows)
        if stopped is not None:                 # no charge reaches to_soc: in no time, at no rating
            status: Status = "fails"
            take: Phrase = _stop_take(stopped[0])
            notes.append(_stop_note(*stopped, to_soc))
        elif _SAME_TEST.get(claim.qualifier, claim.qualifier) == "at-least":
            # "at least 40 min" (a 'between' claim's low bound too): a cell charges as slowly as asked, so
            # no rating rules it out; the rating bounds the time from below only
            status = "holds"
            take = "holds as stated"
            notes.append("a charge may always take longer than the cell's fastest: a time asserted "
                         f"'{_qual(claim)}' holds whatever the cell's rated C-rate")
        elif max_c is None:
            status = "underdetermined"
            missing.append("the cell's rated max charge C-rate")
            take = ("a cell rated for at least ", Value(_c_rate_si(worst), "c_rate"), " average")
        else:
            feasible: list[Status] = ["holds" if _c_rate_si(w.c_rate) <= max_c * (1 + _tol(claim)) else "fails"
                                      for w in windows]
            status, held, failed = _over_starts(windows, feasible)
            open_over = _open_starts(windows, feasible)
            needed = Value(_c_rate_si(worst), "c_rate")              # the rating the cell would need
            rating = Value(max_c, "c_rate")
            take = _holds(status, ("a cell rated for ", needed, " (this one: ", rating, ")"))
            if status == "underdetermined":
                missing.append("the start of charge: it holds from " + _starts_text(held) + " and fails from "
                               + _starts_text(failed))
                take = ("a stated start of charge (from ", _starts_text(failed), " the claim needs a cell rated for ",
                        needed, "; this one: ", rating, ")")
        if windows[0].battery_power is None:
            missing.append("the pack energy (for the power)")
    else:
        w0 = windows[0]
        claimed_value = _as_written(claim, asserted, dim)
        # a peak (power_kind: peak, or a power "up to"): the curve's peak the window needs under the cell's
        # taper with the cell limiting, C_peak = integral ds / share(s) / t (batcalc.physics.charge_curve)
        peak = i.power_kind == "peak" or (dim == "power" and i.power_kind is None and not ctx.bound_of_between
                                          and claim.qualifier in PEAK_QUALIFIERS)
        if peak:
            from batcalc.physics.charge_curve import default_taper, peak_c_rate_for
            from batcalc.physics.charging import cell_limit

            lim = cell_limit(cell, use_claims=False) if cell is not None else None
            taper_table = lim.taper if lim is not None else default_taper(None).table
            taper_text = lim.taper_text if lim is not None else f"taper {default_taper(None).id} (no cell: the default)"

            def value_of(w: Any) -> Optional[float]:
                c_peak = peak_c_rate_for(taper_table, w.from_soc, w.to_soc, w.seconds)
                return c_peak if dim == "c_rate" else (None if w.pack_energy is None else c_peak * w.pack_energy)
            notes.append(f"the asserted {'C-rate' if dim == 'c_rate' else 'power'} is the peak ("
                         + ("power_kind: peak" if i.power_kind else "'up to': a peak") + "): the window on the "
                         f"charge curve with the cells limiting, under {taper_text}; the cells' taper decides "
                         f"the time, the charger need only deliver the peak")
            if stopped is not None:             # no peak charges the window: C_peak = integral ds / share(s) / t
                notes.append(_stop_note(*stopped, to_soc))
                none = ("peak needed: none (the curve stops at ", Value(stopped[0], "fraction"), ")")
                return Verdict(claim.id, claim.kind, claim.quote, "fails",
                               f"{_qual(claim)} {_figure_text(raw)} (peak)", _joined([derived_text, none], "; "),
                               _stop_take(stopped[0]), notes, readings, missing=missing, details=details,
                               claimed=claimed_value)
        else:
            def value_of(w: Any) -> Optional[float]:
                return _c_rate_si(w.c_rate) if dim == "c_rate" else w.battery_power
            if stopped is not None:             # an average's arithmetic is judged, as above a rating: noted
                notes.append(_stop_note(*stopped, to_soc, "; the average's arithmetic is judged (asserted as a "
                                                                  "time or a peak, it fails)"))
        if max_c is not None and cell is not None:
            # the claim's arithmetic is judged, not the cell's rating; a window above the rating is said so
            # (the same charge asserted as a time fails: docs/claims.md, kind charge)
            for w in windows:
                if _c_rate_si(w.c_rate) > max_c:
                    notes.append((Value(w.from_soc, "fraction", ".0f", bare=True), "->",
                                  Value(w.to_soc, "fraction", ".0f"), ": ", Value(_c_rate_si(w.c_rate), "c_rate"),
                                  f" average is above {cell.id}'s rated max charge C-rate, ", Value(max_c, "c_rate"),
                                  ": the cell is not rated for this charge (asserted as a time, it fails)"))
        value = value_of(w0)
        if value is None:
            return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", str(raw), derived_text,
                           "the pack energy", notes, readings, missing=["the pack energy"], details=details,
                           claimed=claimed_value)
        derived = Value(value, dim)
        # as for a time, from every start (derived and needed are the first window's, from the lowest start)
        judged: list[Status] = [judge(x, asserted, claim.qualifier, _tol(claim)) if x is not None
                                else "underdetermined" for x in map(value_of, windows)]
        status, held, others = _over_starts(windows, judged)
        open_over = _open_starts(windows, judged)
        starts = ""
        if status == "underdetermined":
            starts = "it holds from " + (_starts_text(held) or "none") + " and not from " + _starts_text(others)
            missing.append("the start of charge: " + starts)
        claimed = f"{_qual(claim)} {_figure_text(raw)}" + (" (peak)" if peak else "")
        if asserted <= 0:
            take = _holds(status, f"a positive {'C-rate' if dim == 'c_rate' else 'power'} (none charges at 0)")
        elif peak:                                 # cell-limited: time scales as 1 / peak
            derived_text = _joined([derived_text, ("peak needed ", derived)], "; ")
            needed = Value(w0.seconds * value / asserted, "time")
            take = _holds(status, ("a charge time of ", needed, " at that peak"))
        else:
            needed = Value(charge_time_at_c_rate(w0.delta, asserted) if dim == "c_rate" else
                           charge_time(w0.from_soc, w0.to_soc, asserted, w0.pack_energy or 0.0), "time")
            take = _holds(status, ("a charge time of ", needed))
        if starts:
            take = f"a stated start of charge ({starts})"
    return Verdict(claim.id, claim.kind, claim.quote, status, claimed, derived_text, take, notes, readings,
                   missing=missing, details=details, claimed=claimed_value, derived=derived, needed=needed,
                   open_over=open_over)


def eval_range_added(claim, ctx: Context) -> Verdict:
    """Range added in a time: ``P t / c`` (power at the battery) or ``dSoC E f_usable / c``, with the
    usable fraction the claim states (default :data:`batcalc.physics.pack.DEFAULT_F_USABLE`); a peak
    power charges along the curve with that peak, ``dSoC`` the share of the pack it adds in ``t``, and
    counts ``f_usable`` of it as a SoC window does (a full charge adds the pack's full range)."""
    from batcalc.physics.charge import Window
    from batcalc.physics.energy import consumption_for_range, gross_energy_for_range, range_from_energy, usable_energy

    i = claim.inputs
    _soc_window(ctx, i.from_soc, i.to_soc)
    peak = i.power is not None and i.power_kind == "peak"
    if i.power_kind is not None and i.power is None:
        raise ctx.error(("inputs", "power_kind"), "power_kind says what 'power' is: give 'power' or drop it")
    allowed = ({"from_soc", "to_soc", "pack_energy", "usable_fraction"} if peak else set()) | \
        ({"pack_energy", "usable_fraction"} if i.range is not None else set())
    window = [k for k in ("from_soc", "to_soc", "pack_energy", "usable_fraction")
              if getattr(i, k) is not None and k not in allowed]
    if i.power is not None and window:
        raise ctx.error(("inputs", window[0]), f"give 'power', or a SoC window and 'pack_energy', not both: drop "
                                               f"'power' or {', '.join(repr(k) for k in window)}")
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    claimed = _as_written(claim, asserted, "distance")
    said: Phrase = (f"{_qual(claim)} ", claimed, f" in {i.time.text}")      # 'about 400 km in 12 min'
    c: Optional[float]
    notes: list[Phrase]
    if i.range is not None:                     # the full range of the pack gives the consumption
        _not_both(ctx, i, "range", "consumption", "range gives the consumption")
        _not_both(ctx, i, "range", "vehicle", "range gives the consumption")
        _not_both(ctx, i, "range", "cycle", "range gives the consumption")
        if i.pack_energy is None:
            raise ctx.error(("inputs", "range"), "range gives the consumption with the pack's energy: give "
                                                 "'pack_energy' too")
        f_full = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
        c = consumption_for_range(usable_energy(i.pack_energy.si, f_full), i.range.si)
        notes = [("consumption ", Value(c, "consumption"), f": {i.pack_energy.text} x usable ",
                  Value(f_full, "fraction", ".0f"), " / full range ", Value(i.range.si, "distance"))]
    else:
        c, notes = _consumption_for(i, ctx, None)
    if peak and i.pack_energy is None:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", said, "not computable",
                       "the pack energy (a peak power needs the curve)", notes, missing=["the pack energy"],
                       claimed=claimed)
    if c is None:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", said, "not computable",
                       "a consumption or a vehicle", notes, missing=["the consumption (or the vehicle)"],
                       claimed=claimed)
    t = i.time.si
    window_mode = not peak and i.power is None and i.to_soc is not None and i.pack_energy is not None
    f_u = 1.0                                   # the share of the energy at the battery the range counts
    if peak:
        from batcalc.physics.charge_curve import default_taper
        from batcalc.physics.charging import CellLimit, curve_for

        # the charge curve whose peak is the claimed power: C_peak = P / E_pack under the default taper,
        # the cells limiting (no cell in a range-added claim; the voltage cancels when the cells limit)
        e = i.pack_energy.si
        tp = default_taper(None)
        curve = curve_for(CellLimit(i.power.si / e, tp.table, "claim", "", tp.id, ""), e)
        start = i.from_soc.si if i.from_soc else 0.0
        end = i.to_soc.si if i.to_soc else 1.0
        dsoc = curve.added_in(start, t, end)
        # the SoC the curve adds counts as a SoC window's does: the usable share of dSoC x E_pack
        f_u = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
        added = range_from_energy(usable_energy(dsoc * e, f_u), c)
        # the time spent charging: all of t, or less when the curve reaches the window's end before it
        charging = min(t, curve.time(start, start + dsoc)) if dsoc > 0 else t
        done: tuple = (f" for {i.time.text}: ",) if charging >= t * (1 - 1e-9) else \
            (" to ", Value(start + dsoc, "fraction", ".0f"), " (its end) in ", Value(charging, "time", unit="min"),
             f" of the {i.time.text}: ")
        notes.append((f"{i.power.text} is the peak at the battery (power_kind: peak): the charge curve under taper "
                      f"{tp.id} ({tp.grade}), the cells' taper deciding, from ", Value(start, "fraction", ".0f"))
                     + done + (Value(dsoc * e, "energy", unit="kWh"), " added, ",
                               Value(dsoc * e / charging, "power"), " average, usable ", Value(f_u, "fraction", ".0f")))
    elif i.power is not None:
        added = range_from_energy(i.power.si * t, c)           # all of P t at the battery is usable
        notes.append(f"{i.power.text} average at the battery for {i.time.text}")
    elif window_mode:
        start = i.from_soc.si if i.from_soc else 0.0
        f_u = i.usable_fraction.si if i.usable_fraction else ctx.assume("usable-fraction")
        added = cast(float, Window(start, i.to_soc.si, t, pack_energy=i.pack_energy.si, usable_fraction=f_u,
                                   consumption=c).range_added)       # a float: the window has E and c
        notes.append((Value(start, "fraction", bare=True), f" -> {i.to_soc.text} of {i.pack_energy.text}, usable ",
                      Value(f_u, "fraction", ".0f")))
    else:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", said, "not computable",
                       "a charging power, or a SoC window and pack energy", notes,
                       missing=["the charging power or the SoC window and pack energy"], claimed=claimed)
    derived = Value(added, "distance")
    status = judge(added, asserted, claim.qualifier, _tol(claim))
    need: Optional[Value]
    take: Phrase
    if peak or window_mode:
        # a SoC window (given, or the curve's up to to_soc) adds the usable share of dSoC E_pack: R needs the
        # SoC to reach start + R c / (f_u E_pack); a window that ends below it cannot add R at any power
        e = i.pack_energy.si
        end = 1.0 if window_mode or not i.to_soc else i.to_soc.si
        reach = start + gross_energy_for_range(asserted, c, f_u) / e
        if reach > end * (1 + 1e-12):
            need = None
            most = range_from_energy(usable_energy((end - start) * e, f_u), c)
            take = (("a charge past 100 %: a full charge from ", Value(start, "fraction", ".0f"), " adds ")
                    if window_mode else ("a wider window: ", Value(start, "fraction", ".0f", bare=True), " -> ",
                                         Value(end, "fraction", ".0f"), " adds at most ")) + (Value(most, "distance"),)
        elif window_mode:                       # the window's end that adds R, the time unchanged
            need = Value(reach, "fraction")
            take = ("a charge from ", Value(start, "fraction", ".0f"), " to ", need, f" in {i.time.text}")
        else:                                   # the peak whose curve adds R c / f_u in t: C_peak x E_pack
            from batcalc.physics.charge_curve import peak_c_rate_for

            need = Value(peak_c_rate_for(tp.table, start, reach, t) * e, "power")
            take = (need, " peak at the battery")
    else:                                       # P t / c = R: the average power at the battery P = R c / t
        need = Value(gross_energy_for_range(asserted, c, 1.0) / t, "power")
        take = (need, " average at the battery")
    per_minute = Value(added / units.from_si(t, "time", "min"), "distance")
    return Verdict(claim.id, claim.kind, claim.quote, status, said,
                   (derived, " (", per_minute, "/min)"), _holds(status, take), notes,
                   claimed=claimed, derived=derived, needed=need)


def _figures(claim, ctx: Context):
    """The two figures of a ratio or difference claim, as ``(number, unit, base magnitude, dims)``;
    a figure left as '?' is None (at most one). Also the notes of the spec references used (their
    values and grades) and the :class:`MissingFigure` of a reference to a figure its cell does not
    publish: that figure is None too, as if left as '?', when the other is known (else it is raised)."""
    i = claim.inputs
    a_unknown, b_unknown = _is_unknown(i.a), _is_unknown(i.b)
    if a_unknown and b_unknown:
        raise ctx.error(("inputs", "b"), "only one figure may be left as '?'")
    used: list = []
    refs: list = []                     # the one resolver of both sides' references, made when one is read
    gap: Optional[MissingFigure] = None
    try:
        a = None if a_unknown else _figure_or_reference(i.a, ctx, ("inputs", "a"), used, refs)
    except MissingFigure as exc:
        a, gap = None, exc
    try:
        b = None if b_unknown else _figure_or_reference(i.b, ctx, ("inputs", "b"), used, refs)
    except MissingFigure as exc:
        if gap is not None:
            raise gap.also(exc).noting([_pair_text(claim), *used]) from None
        b, gap = None, exc
    known = a if b is None else b
    if gap is not None and (a_unknown or b_unknown):
        side = "a" if a_unknown else "b"
        raise MissingFact(gap.fact, gap.take, [f"figure {side} (left as '?')"], [_pair_text(claim), *used])
    if (a is not None and b is not None and a[3] != b[3]) or (gap is not None and known is not None
                                                              and known[3] != gap.dims):
        raise ctx.error(("inputs", "b"), f"{_figure_text(claim.inputs.b)!r} cannot be compared with "
                                         f"{_figure_text(claim.inputs.a)!r}: the dimensions differ")
    return a, b, used, gap


_REFERENCE_RE = re.compile(r"^\s*[a-z][a-z0-9-]*\.[a-z_]+(?:@[A-Za-z0-9-]+)?\s*$")


def _figure_or_reference(text: Any, ctx: Context, key: tuple, used: list,
                         refs: list) -> tuple[float, str, float, str]:
    """A figure of a two-figure claim as ``(number, unit, base magnitude, dimension signature)``
    (:meth:`Context.figure`), or a spec reference such as ``tesla-4680.energy`` (the grammar of
    expression claims), shown in the metric display unit of its dimension; a reference's value and grade
    are noted in ``used``, once for both figures (``refs`` holds their one resolver, made on first use, and
    the key it reads at)."""
    if not (isinstance(text, str) and _REFERENCE_RE.match(text)):
        return ctx.figure(text, key)
    from batcalc.claims.expr import ExprError, parse
    from batcalc.claims.expr import evaluate as ev

    if not refs:
        at = [key]
        refs += [_reference(ctx, None, used, at=at), at]
    refs[1][0] = key
    try:
        q = ev(parse(text.strip()), refs[0])
    except ExprError as exc:
        raise ctx.error(key, f"{exc} in {text.strip()!r}") from None
    base = q.to_base_units()
    dim = _dimension_name(q)
    if dim is None or dim == "fraction":
        return float(base.magnitude), "", float(base.magnitude), str(q.dimensionality)
    value, unit = units.display(float(base.magnitude), "length" if dim == "distance" else dim, category=dim)
    return float(value), unit, float(base.magnitude), str(q.dimensionality)


def _pair_text(claim) -> str:
    return f"a = {_figure_text(claim.inputs.a)}, b = {_figure_text(claim.inputs.b)}"


def _is_unknown(text: Any) -> bool:
    return isinstance(text, str) and text.strip() == "?"


def _bound_word(claim, increasing: bool) -> str:
    """How the value a '?' implies bounds it: '' for a claim of about a figure, else 'at least ' or 'at most '
    as the claim's test (at-least, at-most) and whether what it derives rises with the '?' (``increasing``)
    ask: "900 Wh/L is over 40 % better than a" makes a at most 642.9 Wh/L."""
    test = _SAME_TEST.get(claim.qualifier, claim.qualifier)
    if test not in ("at-least", "at-most"):
        return ""
    return "at least " if (test == "at-least") == increasing else "at most "


def _implied_figure(claim, ctx: Context, side: str, number: float, unit: str, claimed: Value, what: str,
                    claimed_text: Optional[Phrase] = None, increasing: bool = True, used: Sequence = (),
                    gap: Optional[MissingFigure] = None, impossible: bool = False) -> Verdict:
    """The underdetermined verdict of a two-figure claim with figure ``side`` left as '?' (or a reference
    to a figure its cell does not publish, ``gap``): the value it implies (``number`` in ``unit``, the other
    figure's), a bound where the claim is one (``increasing``: whether what the claim derives rises with the
    figure) and whether it is plausible; ``used``: the notes of the references read. ``impossible``: no
    positive value of a physical figure gives the claim (it would be below 0): the claim fails, saying so."""
    implied = Value(number, "given", unit=unit)
    other = getattr(claim.inputs, "b" if side == "a" else "a", None)
    shown = _in_words_of(other, number, unit) if isinstance(other, str) else implied     # '1.95 billion yuan'
    named = f" ({gap.ref})" if gap is not None else ""
    would = f"the {what} {side}{named} would be {_bound_word(claim, increasing)}"
    if claim.plausible is None:
        take: Phrase = (would, shown)
        details: dict = {"implied": implied}
    else:
        q = ctx.quantity(f"{number!r} {unit}".strip(), ("inputs", side)) if unit else units.Q_(number, "dimensionless")
        take, details = _plausible(claim, ctx, implied, q)
        take = (would, shown) + tuple(take[2:])      # in words as without the range: '1 billion yuan', not '1.000e+09'
    status: Status = "underdetermined"
    if impossible:             # as a ratio refuses a negative physical figure: no battery or vehicle has one
        status = "fails"
        take = (would, shown, _BELOW_ZERO)
    return Verdict(claim.id, claim.kind, claim.quote, status, claimed_text or (f"{_qual(claim)} ", claimed),
                   (f"{side} = ", shown), take, [_pair_text(claim), *used],
                   missing=[gap.fact if gap is not None else f"figure {side} (left as '?')"], details=details,
                   claimed=claimed, derived=implied)


#: What the verdict says of a figure left as '?' that could only be negative (:func:`_only_negative`).
_BELOW_ZERO = ", below 0, which no battery or vehicle figure is: the claim cannot hold"


def _only_negative(claim, implied: float, dims: str, at_zero: float, asserted: float, scale: float = 1.0) -> bool:
    """Whether the figure left as '?' could only be negative, so that the claim cannot hold: the value it
    implies (``implied``, any unit) is below 0, it is a physical figure (dimension signature ``dims``; money
    and plain numbers may be negative, :func:`_signed`), and the claim fails (:func:`judge`, ``scale`` as
    there) at ``at_zero``: what it derives (SI, as ``asserted``) with the '?' at the end of its positive
    values nearest the asserted figure, past which no positive '?' does better. That end is the '?' at 0
    for a difference (b - a moves away from the asserted difference as the '?' grows past 0) and the
    expression at 0 for an expression ``k ?^p`` whose ``k`` has the other sign than the asserted figure
    (0 as the '?' goes to 0 for p > 0, to infinity for p < 0). The one rule of both kinds' verdict (FAILS,
    saying :data:`_BELOW_ZERO`); within the tolerance of that end the claim stays underdetermined."""
    return implied < 0 and not _signed(dims) and \
        judge(at_zero, asserted, claim.qualifier, _tol(claim), scale=scale) != "holds"


def _per_unit(fig, ctx: Context, key: tuple) -> float:
    """Base magnitude of one of ``fig``'s units (to show results in the unit the claim used)."""
    return fig[2] / fig[0] if fig[0] else ctx.figure(f"1 {fig[1]}", key)[2]


def _factor_value(x: float) -> Value:
    """A ratio shown as a factor: 'x1.167', 'x59.61'; from x100 up without decimals ('x133')."""
    return Value(x, "factor", ".0f" if abs(x) >= 100 else "")


def _signed(dims: str) -> bool:
    """Whether a figure of dimension signature ``dims`` may be negative in a ratio: a plain number or a
    percentage, or money (``[currency_...]``); a physical quantity (an energy density, mass, energy,
    length, time, power...) may not."""
    return dims == "dimensionless" or dims.startswith("[currency_")


def eval_ratio(claim, ctx: Context) -> Verdict:
    """``b / a``; an asserted ``'N %'`` (or ``'N percent'``) is the percent change ``(b/a - 1)``, a plain
    number the ratio. With ``a`` or ``b`` left as '?', the figure the asserted ratio implies. A negative
    physical figure is refused (:func:`_signed`)."""
    a, b, used, gap = _figures(claim, ctx)
    for key, f in (("a", a), ("b", b)):
        if f is not None and f[2] < 0 and not _signed(f[3]):
            raise ctx.error(("inputs", key), f"{_figure_text(getattr(claim.inputs, key))!r} is negative: a ratio "
                                             f"compares physical figures of a battery or vehicle, which are positive")
    raw = claim.asserted
    asserted, percent = _asserted_factor(claim, ctx)
    if asserted < 0 and not any(_signed(f[3]) for f in (a, b) if f is not None):
        # positive figures ('?' among them: it has the other's dimension) have a positive ratio
        what = "a fall of more than 100 %" if percent else "a negative ratio"
        raise ctx.error(("asserted",), f"{_figure_text(raw)!r} is {what}: a ratio claim's ratio of physical "
                                       f"figures, which are positive, is at least 0 (only money and plain "
                                       f"numbers may be negative)")
    claimed = _pct(asserted - 1) if percent else Value(asserted, "factor")
    if a is None or b is None:
        if asserted == 0 and a is None:
            raise ctx.error(("asserted",), "no base figure a gives a ratio of 0 (b / a = 0 needs b = 0)")
        known = b if a is None else a
        number = known[0] / asserted if a is None else known[0] * asserted
        # b / a rises with b when a > 0, and with a only when b < 0
        return _implied_figure(claim, ctx, "a" if a is None else "b", number, known[1], claimed,
                               "baseline" if a is None else "figure",
                               f"{_qual(claim)} {_figure_text(raw)}" if percent else None,
                               increasing=(known[2] < 0) if a is None else (known[2] > 0), used=used, gap=gap)
    if a[2] == 0:
        raise ctx.error(("inputs", "a"), "the base figure is zero: a ratio to it is not defined")
    ratio = b[2] / a[2]
    status = judge_factor(ratio, asserted, percent, claim.qualifier, _tol(claim))
    need = Value(a[0] * asserted, "given", unit=a[1])
    factor, change = _factor_value(ratio), _pct(ratio - 1)
    derived_text: Phrase = (factor,) if abs(ratio) >= 10 else (factor, " (", change, ")")
    return Verdict(claim.id, claim.kind, claim.quote, status,
                   f"{_qual(claim)} {_figure_text(raw)}" if percent else (f"{_qual(claim)} ", claimed),
                   derived_text, _holds(status, lambda: ("b = ", _in_words_of(claim.inputs.a, need.si, a[1]))),
                   [_pair_text(claim), *used],
                   claimed=claimed, derived=change if percent else factor, needed=need)


def eval_difference(claim, ctx: Context) -> Verdict:
    """``b - a``, compared with the asserted difference (same dimension) in base units; an asserted 0
    holds within the tolerance of the larger of ``|a|``, ``|b|``, whatever the units. With ``a`` or
    ``b`` left as '?', the figure the asserted difference implies."""
    a, b, used, gap = _figures(claim, ctx)
    q = ctx.figure(_asserted_raw(claim, ctx), ("asserted",))
    known = a if a is not None else b
    assert known is not None
    if q[3] != known[3] and q[2] != 0:
        raise ctx.error(("asserted",), f"{claim.asserted!r} cannot be compared with {known[0]:g} {known[1]}")
    unit = _per_unit(known, ctx, ("inputs", "a" if a is not None else "b"))
    asserted = q[2] / unit
    claimed = Value(q[0], "given", unit=q[1])
    if a is None or b is None:
        number = known[0] - asserted if a is None else known[0] + asserted
        # the '?' has the known figure's dimension; b - a with the '?' at 0, SI
        at_zero = known[2] if a is None else -known[2]
        impossible = _only_negative(claim, number, known[3], at_zero, q[2], scale=abs(known[2]))
        return _implied_figure(claim, ctx, "a" if a is None else "b", number, known[1], claimed,
                               "baseline" if a is None else "figure", increasing=b is None,   # b - a
                               used=used, gap=gap, impossible=impossible)
    status = judge(b[2] - a[2], q[2], claim.qualifier, _tol(claim), scale=max(abs(a[2]), abs(b[2])))
    diff = (b[2] - a[2]) / unit
    derived, need = Value(diff, "given", unit=a[1]), Value(a[0] + asserted, "given", unit=a[1])
    return Verdict(claim.id, claim.kind, claim.quote, status, f"{_qual(claim)} {_figure_text(claim.asserted)}",
                   (_in_words_of(claim.inputs.a, diff, a[1]),),
                   _holds(status, lambda: ("b = ", _in_words_of(claim.inputs.a, need.si, a[1]))),
                   [_pair_text(claim), *used], claimed=claimed, derived=derived, needed=need)


def _figure_text(f: Any) -> str:
    """A figure of a claim as written; a number from a YAML file without a spurious '.0' ('33', not '33.0')."""
    if isinstance(f, float):
        return f"{f:g}" if abs(f) < 1e15 else repr(f)
    return " ".join(str(f).split())


def _written_unit(raw: Any) -> str:
    """The unit of an asserted figure as the claim wrote it ('USD', not pint's 'US_dollar'), '' for none."""
    if not isinstance(raw, str):
        return ""
    text = _counted(raw)
    try:
        return units.split_value(text)[1].strip()
    except UnitError:
        return ""


def _check_derived(ctx: Context, loc: tuple, what: str, derived: float, asserted: Any) -> None:
    """Refuse (located at ``loc``) a derived figure, in the unit of ``asserted``, that is inf, NaN or
    beyond :data:`batcalc.units.MAX_MAGNITUDE` there: the limit any input has in its unit."""
    if not abs(derived) <= units.MAX_MAGNITUDE:
        shown = units.split_value(asserted)[1].strip() if isinstance(asserted, str) else ""
        raise ctx.error(loc, f"{what} {derived:.4g}{' ' + shown if shown else ''}: beyond "
                             f"{units.MAX_MAGNITUDE:g}, the largest magnitude batcalc gives (a figure with a typo?)")


def eval_product(claim, ctx: Context) -> Verdict:
    """The product of the factors, compared in the asserted value's unit."""
    factors = [ctx.quantity(f, ("inputs", "factors", k)) for k, f in enumerate(claim.inputs.factors)]
    total = factors[0]                            # at least two factors (ProductInputs)
    for q in factors[1:]:
        total = total * q
    raw = _asserted_raw(claim, ctx)
    q = ctx.quantity(raw, ("asserted",))
    try:
        derived = float(total.to(q.units).magnitude)
    except Exception:
        raise ctx.error(("asserted",), f"{claim.asserted!r} does not have the dimension of the product") from None
    asserted = float(q.magnitude)
    _check_derived(ctx, ("inputs", "factors"), "the factors multiply to", derived, raw)
    status = judge(derived, asserted, claim.qualifier, _tol(claim))
    unit = _written_unit(raw) or ("" if q.dimensionless else f"{q.units:~P}")
    claimed, found = Value(asserted, "given", unit=unit), Value(derived, "given", unit=unit)
    if derived == 0:
        take: Phrase = ("factors multiplying to ", claimed, " (these multiply to 0)")
    else:
        take = ("factors multiplying to ", claimed, " (", _factor_value(asserted / derived), " of these)")
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), (found,),
                   _holds(status, take), [" x ".join(_figure_text(f) for f in claim.inputs.factors)],
                   claimed=claimed, derived=found, needed=_factor_value(asserted / derived) if derived else None)


def eval_growth(claim, ctx: Context) -> Verdict:
    """Compound annual growth: ``(end / start)^(1 / years) - 1``."""
    i = claim.inputs
    years = i.end_year - i.start_year
    if years <= 0:
        raise ctx.error(("inputs", "end_year"), "end_year must be after start_year")
    start = ctx.figure(i.start, ("inputs", "start"))
    end = ctx.figure(i.end, ("inputs", "end"))
    if start[3] != end[3]:
        raise ctx.error(("inputs", "end"), f"{_figure_text(i.end)!r} cannot be compared with "
                                           f"{_figure_text(i.start)!r}")
    if start[2] <= 0 or end[2] <= 0:
        raise ctx.error(("inputs", "end"), "start and end must be positive")
    ratio = end[2] / start[2]
    rate = ratio ** (1 / years) - 1
    _, asserted = _asserted_quantity(claim, ctx, ("fraction",))
    status = judge(rate, asserted, claim.qualifier, _tol(claim))
    claimed, derived = Value(asserted, "fraction", ".1f"), Value(rate, "fraction", ".1f")
    need = Value(start[0] * (1 + asserted) ** years, "given", unit=start[1])
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed, " a year"),
                   (derived, f" a year over {years} year{'s' if years != 1 else ''} (", _factor_value(ratio), ")"),
                   _holds(status, lambda: ("end = ", _in_words_of(i.start, need.si, start[1]), f" in {i.end_year}")),
                   [f"{_figure_text(i.start)} in {i.start_year} -> {_figure_text(i.end)} in {i.end_year}: "
                    f"(end/start)^(1/{years}) - 1"],
                   claimed=claimed, derived=derived, needed=need)


#: Figures of a vehicle an expression may name: ``mid-sedan.consumption@wltp`` (label, dimension).
VEHICLE_FIGURES = {"consumption": ("consumption on the cycle, with the reference pack", "consumption"),
                   "pack_energy": ("reference pack energy", "energy"),
                   "pack_mass": ("reference pack mass", "mass"),
                   "mass_without_battery": ("mass without battery", "mass"),
                   "payload": ("payload", "mass")}
#: Where each vehicle figure but the consumption is in a vehicle spec (for its grade).
_VEHICLE_FIGURE_AT = {"pack_energy": ("reference_pack", "energy"), "pack_mass": ("reference_pack", "mass"),
                      "mass_without_battery": "mass_without_battery", "payload": "payload"}


def _dimension_name(q) -> Optional[str]:
    """batcalc's name (:data:`batcalc.units.DIMENSIONS`) of the dimension of pint quantity ``q``, or None.

    Where two share a dimension, the one a battery claim means: energy per distance (J/m) is a
    ``consumption`` (Wh/km), not a force (N), and a length of 1 m or more is a ``distance`` (km, mi),
    shorter a cell's ``length`` (mm, in)."""
    dims = q.dimensionality
    for name in ("specific_energy", "energy_density", "energy", "mass", "length", "area", "volume", "voltage",
                 "charge", "current", "time", "power", "speed", "consumption", "fraction"):
        if units.parse_unit(units.DIMENSIONS[name].si).dimensionality == dims:
            if name == "length" and abs(float(q.to_base_units().magnitude)) >= 1.0:
                return "distance"
            return name
    return None


def _reference(ctx: Context, cycle_default: Optional[str], used: list, given: Optional[dict] = None,
               at: Optional[list] = None):
    """The resolver of spec references for :func:`batcalc.claims.expr.evaluate`: a cell's figure
    (:data:`batcalc.physics.cells.FIGURES`) or a vehicle's (:data:`VEHICLE_FIGURES`), as a pint Quantity
    in SI; each figure used is noted in ``used`` with its grade, once however often it is read (a '?' is
    solved for by evaluating the expression twice), with the warnings of a simulated consumption. A
    cell's figure the cell does not publish is a :class:`MissingFigure`; ``given`` maps a reference as
    written (``id.figure``) to a Quantity that stands in for it (the value such a figure would take). ``at``
    holds the key of the input being read (``('inputs', 'a')``; by default ``('inputs', 'expr')``), where
    a cell or vehicle that cannot be loaded is located: its caller may change it between two readings."""
    from batcalc.claims.expr import ExprError
    from batcalc.physics.cells import FIGURES

    where = at if at is not None else [("inputs", "expr")]

    seen: set = set()

    def note(what: tuple, *lines: Phrase) -> None:
        if what not in seen:
            seen.add(what)
            used.extend(lines)

    def ref(ident: str, name: str, cycle: Optional[str], col: int):
        key = where[0]
        if given is not None and f"{ident}.{name}" in given:
            return given[f"{ident}.{name}"]
        if name in FIGURES:
            if cycle is not None:
                raise ExprError(f"column {col}: '@{cycle}' names a drive cycle: only vehicle figures take one")
            cell = ctx.cell(ident, key)
            fig = cell.figures.get(name)
            dim = FIGURES[name][1]
            si_unit = "dimensionless" if dim in ("count", "fraction") else units.DIMENSIONS[dim].si
            if fig is None:
                raise MissingFigure(f"{cell.id}'s {FIGURES[name][0]} ({ident}.{name}: the cell publishes none)",
                                    f"a figure for {ident}.{name}: write it in its place", f"{ident}.{name}",
                                    dim, si_unit)
            ctx.evidence.append((f"{cell.id} {FIGURES[name][0]}", fig.grade or "unsourced"))
            note((ident, name), (f"{cell.id}.{name} = ", Value(fig.si, dim) if dim not in ("count",) else f"{fig.si:g}",
                                 f" ({fig.grade or 'no source'}{', derived: ' + fig.derived if fig.derived else ''})"))
            return units.Q_(fig.si, si_unit)
        if name in VEHICLE_FIGURES:
            from batcalc.physics.pack import PackOptions
            from batcalc.physics.tradeoff import default_cycle, reference_pack_energy, reference_pack_mass

            v = ctx.vehicle(ident, key)
            if name != "consumption" and cycle is not None:
                raise ExprError(f"column {col}: '@{cycle}' names a drive cycle: only {ident}.consumption takes one")
            if name == "consumption":
                cyc = cycle or cycle_default or default_cycle(v)
                if cycle is not None:                # '@foo' names no cycle: at its column in the expression
                    from batcalc.physics.cycles import get_cycle

                    try:
                        get_cycle(cycle)
                    except SpecError:                # a trace file's own error, at its own line
                        raise
                    except BatcalcError as exc:
                        raise ExprError(f"column {col}: {exc}") from None
                value, mass, _ = ctx.consumption(v, cyc, None)
                grade = _vehicle_grade(ctx, ident, cyc)
                note((ident, name, cyc), (f"{v.id}.consumption = ", Value(value, "consumption"),
                                          _cycle_phrase(" on ", v, cyc, " at "), Value(mass, "mass"),
                                          f" (simulated; {grade})"), *_cannot_follow(v, (cyc,), mass))
            elif name in ("pack_energy", "pack_mass"):
                try:
                    value = reference_pack_energy(v) if name == "pack_energy" else \
                        reference_pack_mass(v, None, PackOptions())
                except BatcalcError:            # its message names the command line's flags
                    why = "has no reference pack" if v.spec.reference_pack is None else \
                        f"gives its reference pack no {name.split('_')[1]}"
                    raise ExprError(f"column {col}: vehicle {v.id} {why}, so no {name}: write the figure "
                                    f"itself") from None
            elif name == "mass_without_battery":
                value = v.glider_mass
            else:
                value = v.payload
            dim = VEHICLE_FIGURES[name][1]
            if name != "consumption":           # the one figure of the spec it is
                grade = _vehicle_grade(ctx, ident, None, figures=(_VEHICLE_FIGURE_AT[name],))
                note((ident, name), (f"{v.id}.{name} = ", Value(value, dim), f" ({grade})"))
            ctx.evidence.append((f"{v.id} {VEHICLE_FIGURES[name][0]}", grade))
            return units.Q_(value, units.DIMENSIONS[dim].si)
        names = ", ".join(list(FIGURES) + list(VEHICLE_FIGURES))
        raise ExprError(f"column {col + len(ident) + 1}: unknown figure {name!r}; figures: {names}")

    return ref


class _Unsolvable(Exception):
    """The unknown of an expression cannot be solved for: ``key`` and ``message`` of the input error."""

    def __init__(self, key: tuple, message: str) -> None:
        super().__init__(message)
        self.key = key


def _standing_in(parsed, ref, stand_in: dict, gap: MissingFigure, notes: list) -> Any:
    """The expression evaluated with 1 (in SI) standing in for the missing figure ``gap`` (its dimension,
    for the check against the asserted one); with more missing figures, all of them named, as a
    :class:`MissingFact` (one figure is solved for only when it is the one missing)."""
    from batcalc.claims.expr import evaluate as ev

    gaps = [gap]
    while True:
        for g in gaps:
            stand_in[g.ref] = units.Q_(1.0, g.si_unit)
        try:
            value = ev(parsed, ref)
            break
        except MissingFigure as more:
            gaps.append(more)
    if len(gaps) > 1:
        both: MissingFact = gaps[0]
        for g in gaps[1:]:
            both = both.also(g)
        raise both.noting(notes)
    return value


def _solve_unknown(at: Callable[[Any], Any], target):
    """The value of the unknown that makes the expression equal ``target`` (a pint Quantity), and whether
    the expression rises with the unknown there; ``at(u)`` is the expression with the unknown at ``u`` (a
    dimensionless Quantity: '?' itself, or the factor on the SI unit of a missing figure). The expression
    must be ``k x u^p`` (products, quotients and powers of the unknown, found from ``at(1)`` and ``at(2)``:
    ``p = log2(at(2) / at(1))``, ``u = (target / k)^(1/p)``); it rises with a positive unknown when
    ``k p > 0``. :class:`_Unsolvable` otherwise (an unknown in a sum, or a factor of 0 that leaves none to
    solve for); an :class:`~batcalc.claims.expr.ExprError` of the expression itself (a division by 0) is raised
    as it is."""
    import math as _m

    from pint.errors import DimensionalityError

    from batcalc.claims.expr import ExprSumError

    in_sum = ("the '?' can be solved for only in products, quotients and powers (not in a sum): write the claim as "
              "a 'difference' claim")
    try:
        f1 = at(units.Q_(1.0, "dimensionless"))
        f2 = at(units.Q_(2.0, "dimensionless"))
    except (ExprSumError, DimensionalityError):   # another ExprError (a division by 0) goes to the caller
        raise _Unsolvable(("inputs", "expr"), in_sum) from None
    if float(f1.magnitude) == 0 and float(f2.magnitude) == 0:
        raise _Unsolvable(("inputs", "expr"), "the expression is 0 whatever the '?' (a factor of 0): it implies "
                                              "no value of '?'")
    try:
        ratio = float((f2 / f1).to("dimensionless").magnitude)
    except (DimensionalityError, ZeroDivisionError):
        raise _Unsolvable(("inputs", "expr"), in_sum) from None
    p = _m.log2(abs(ratio)) if ratio else 0.0
    if not ratio or abs(p - round(p)) > 1e-9 or round(p) == 0:
        raise _Unsolvable(("inputs", "expr"), "the '?' can be solved for only in products, quotients and powers")
    p = round(p)
    rest = (target / f1).to_base_units()
    if float(rest.magnitude) < 0 and p % 2 == 0:
        raise _Unsolvable(("asserted",), "no real value of '?' gives this (an even power of it would be negative)")
    if float(rest.magnitude) == 0 and p < 0:      # 75 kWh / ? = 0 kg: 0 ** (1 / p) raised ZeroDivisionError
        raise _Unsolvable(("asserted",), "no value of '?' gives 0: the '?' divides, so only an infinite one would")
    if p == 1:
        x = rest
    elif float(rest.magnitude) < 0:               # an odd power: its real root ((-8) ** (1/3) is complex)
        x = -((-rest) ** (1.0 / p))
    else:
        x = rest ** (1.0 / p)
    k = float(f1.to_base_units().magnitude)
    return x, (k * p > 0) == (float(x.to_base_units().magnitude) > 0 or p % 2 == 1)


def eval_expression(claim, ctx: Context) -> Verdict:
    """An arithmetic expression over figures and spec references (:mod:`batcalc.claims.expr`),
    compared with the asserted value in its unit; the dimensions must agree. One figure may be
    '?': the verdict is then underdetermined and gives the value it implies."""
    from pint.errors import DimensionalityError

    from batcalc.claims.expr import ExprError, parse
    from batcalc.claims.expr import evaluate as ev

    key = ("inputs", "expr")
    text = claim.inputs.expr
    try:
        parsed = ctx.cached(("expr", text), lambda: parse(text))
    except ExprError as exc:
        raise ctx.error(key, f"{exc} in {text!r}") from None
    raw = _asserted_raw(claim, ctx)
    asserted = ctx.quantity(raw, ("asserted",))
    a_number, a_unit = float(asserted.magnitude), f"{asserted.units:~P}"
    written = units.split_value(_counted(raw))[1].strip() if isinstance(raw, str) else ""
    unit = written or ("" if asserted.dimensionless else a_unit)
    used: list = []
    stand_in: dict = {}                 # a missing figure's value while it is solved for
    ref = _reference(ctx, claim.inputs.cycle, used, stand_in)
    claimed = Value(a_number, "given", unit=unit)
    notes: list = [f"{text} (expression)"]

    def implied_by(at: Callable[[Any], Any], gap: Optional[MissingFigure] = None) -> Verdict:
        """The underdetermined verdict giving the value of the unknown (``at``: :func:`_solve_unknown`)."""
        try:
            x, increasing = _solve_unknown(at, asserted)
        except ExprError as exc:
            raise ctx.error(key, f"{exc} in {text!r}") from None
        if gap is not None:
            if not float(x.magnitude) > 0:          # a cell's figure is positive
                return no_positive(gap)
            x = x * units.Q_(1.0, gap.si_unit)
            dim: Optional[str] = gap.dim if gap.dim != "count" else None
        else:
            dim = None if x.dimensionless else _dimension_name(x)
        if dim:
            implied = shown = Value(float(x.to_base_units().magnitude), dim)
        elif x.dimensionality == asserted.dimensionality:
            # money, a count, a plain number: in the asserted figure's unit and counting word, as the figure
            # the expression comes out at is shown ('5 billion yuan', not '5.000e+09 CNY'); JSON keeps the number
            number = float(x.to(asserted.units).magnitude)
            implied = Value(number, "given", unit=unit)
            shown = _in_words_of(raw, number, unit, fit=True) if isinstance(raw, str) else implied
        else:
            implied = shown = Value(float(x.magnitude), "given", unit=f"{x.units:~P}")
        take, details = _plausible(claim, ctx, implied, x)
        what = "the figure left as '?'" if gap is None else gap.ref
        take = (f"{what} would be {_bound_word(claim, increasing)}", shown) + tuple(take[2:])
        status: Status = "underdetermined"
        # k ?^p: a negative '?' means k and the asserted figure differ in sign, so a positive '?' gives a
        # figure of k's sign, nearest the asserted one at 0 (a cell's missing figure is handled above)
        if gap is None and _only_negative(claim, float(x.magnitude), str(x.dimensionality), 0.0, a_number):
            status, take = "fails", (take[0], shown, _BELOW_ZERO)
        return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed),
                       (f"{'?' if gap is None else gap.ref} = ", shown), take, notes + used,
                       missing=["the figure left as '?'" if gap is None else gap.fact],
                       details=details, claimed=claimed, derived=implied)

    def no_positive(gap: MissingFigure) -> Verdict:
        """No positive value of the missing figure gives the claimed figure: an 'about' claim fails
        whatever the figure is; a bound is left underdetermined."""
        status: Status = "fails" if _SAME_TEST.get(claim.qualifier, claim.qualifier) == "about" else \
            "underdetermined"
        return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed),
                       f"no positive {gap.ref} gives it", f"no positive {gap.ref} gives the claimed figure",
                       notes + used, missing=[gap.fact], claimed=claimed)

    if parsed.unknowns:
        try:
            return implied_by(lambda u: ev(parsed, ref, u))
        except _Unsolvable as exc:
            raise ctx.error(exc.key, str(exc)) from None
    try:
        value = ev(parsed, ref)
    except ExprError as exc:
        raise ctx.error(key, f"{exc} in {text!r}") from None
    except MissingFigure as exc:       # the value the missing figure would take, where the arithmetic gives one
        value, gap = _standing_in(parsed, ref, stand_in, exc, notes + used), exc
        if value.dimensionality != asserted.dimensionality:
            raise _disagreeing(ctx, raw, asserted, text, value) from None

        def at(u: Any) -> Any:
            stand_in[gap.ref] = u * units.Q_(1.0, gap.si_unit)
            return ev(parsed, ref)
        other = at(units.Q_(2.0, "dimensionless"))
        # the expression depends on the figure when another stand-in moves it ('0 x figure' is 0 at both)
        if float(value.magnitude) == 0 and float(other.magnitude) != 0 or float(value.magnitude) != 0 and not \
                math.isclose(float((other / value).to("dimensionless").magnitude), 1.0, rel_tol=1e-12):
            try:
                return implied_by(at, gap)
            except _Unsolvable as unsolvable:
                if unsolvable.key == ("asserted",):      # an even power of it would be negative
                    return no_positive(gap)
                raise gap.noting(notes + used) from None     # in a sum: the fact alone
        notes.append(f"{gap.ref} cancels out: the expression does not depend on it")
    try:
        derived_number = float(value.to(asserted.units).magnitude)
    except DimensionalityError:
        raise _disagreeing(ctx, raw, asserted, text, value) from None
    _check_derived(ctx, key, "the expression comes out at", derived_number, raw)
    status = judge(derived_number, a_number, claim.qualifier, _tol(claim))
    derived = Value(derived_number, "given", unit=unit)
    shown = _in_words_of(raw, derived_number, unit)         # in the claim's counting word: '114.3 billion yuan'
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), (shown,),
                   _holds(status, ("a claim of ", shown)), notes + used,
                   claimed=claimed, derived=derived, needed=derived if status != "holds" else None)


def _plausible(claim, ctx: Context, implied: Value, q) -> tuple[Phrase, dict]:
    """What to say of an implied value: whether it lies in the claim's ``plausible: [low, high]``."""
    details: dict = {"implied": implied}
    if claim.plausible is None:
        return ("the figure left as '?' would be ", implied), details
    bounds, shown = [], []
    for k, b in enumerate(claim.plausible):
        bq = ctx.quantity(b, ("plausible", k))
        try:
            bounds.append(float(bq.to(q.units).magnitude))
        except Exception:
            raise ctx.error(("plausible", k), f"{b!r} cannot be compared with the implied value "
                                              f"({units.describe_units(q)})") from None
        if bounds[-1] < 0 and not _signed(str(q.dimensionality)):     # as a negative asserted figure is refused
            raise ctx.error(("plausible", k), f"{b!r} is negative: the figure left as '?' is "
                                              f"{units.describe_units(q)}, which is at least 0")
        # in the implied value's dimension, so that both are shown in the unit system asked for
        shown.append(Value(float(bq.to_base_units().magnitude), implied.dim) if implied.dim != "given"
                     else _figure_text(b))
    if bounds[0] > bounds[1]:           # as a 'between' claim's asserted range and a ranged input are refused
        low, high = claim.plausible
        raise ctx.error(("plausible",), f"the plausible range [{low}, {high}]: the low figure is above the high one")
    inside = bounds[0] <= float(q.magnitude) <= bounds[1]
    details["plausible"] = inside
    where = "inside" if inside else "OUTSIDE"
    return ("the figure left as '?' would be ", implied, f" ({where} the plausible range ", shown[0], " to ",
            shown[1], ")"), details


def eval_ratings(claim, ctx: Context) -> Verdict:
    """Two range ratings of one vehicle on different test cycles are consistent: ``a`` on ``a_cycle`` and
    the asserted range on ``b_cycle``. With a ``vehicle``, the simulated ratio decides: the expected
    range is ``a x R_b / R_a`` (:func:`batcalc.physics.ratings.simulated_ratio`, at the vehicle's
    reference pack mass), judged within the tolerance; without one, the published band of ``R_b / R_a``
    (``specs/rating_bands.yaml``) decides: the claim holds when the asserted range lies in
    ``[a x low, a x high]``. Both are shown when both exist."""
    from batcalc.physics.ratings import (
        CAR_CLASSES,
        RATING_CYCLES,
        RATING_LABELS,
        published_band,
        rating_key,
        simulated_ratio,
    )

    i = claim.inputs
    _, asserted = _asserted_quantity(claim, ctx, ("length",))
    claimed = _as_written(claim, asserted, "distance")
    _, _, a, a_dims = ctx.figure(i.a, ("inputs", "a"))
    if a_dims != units.parse_value("1 km").dims or not a > 0:
        raise ctx.error(("inputs", "a"), f"{i.a!r} is not a range: write a distance such as '700 km'")
    keys = []
    for name in ("a_cycle", "b_cycle"):
        try:
            keys.append(rating_key(getattr(i, name)))
        except BatcalcError as exc:
            raise reworded(exc, partial(ctx.error, ("inputs", name))) from None
    ka, kb = keys
    if ka == kb:
        raise ctx.error(("inputs", "b_cycle"), "a_cycle and b_cycle name the same rating: nothing to compare")
    label_a, label_b = RATING_LABELS.get(ka, ka), RATING_LABELS.get(kb, kb)
    v = ctx.vehicle(i.vehicle, ("inputs", "vehicle")) if i.vehicle is not None else None
    # the bands are of light-duty cars' ratings: a truck's ratio is the simulation's alone, as normalise says
    car = v is None or v.spec.vehicle_class in CAR_CLASSES
    band = published_band(ka, kb) if car else None
    notes: list = [("a: ", Value(a, "distance"), f" on the {label_a}; asserted: the range on the {label_b}")]
    readings: list = []
    over_band: Optional[tuple[Status, str, str]] = None
    #: the ranges on b_cycle the published band gives for a, in JSON as in the table (the band's ends)
    band_ends: dict = {} if band is None else {"band_low": Value(a * band.low, "distance"),
                                               "band_high": Value(a * band.high, "distance")}
    if band is not None:
        over_band = _over_rating_band(claim, a, asserted, band.low, band.high, f"{kb.upper()}/{ka.upper()}")
        readings.append((f"published pairs of ratings put {kb.upper()}/{ka.upper()} at "
                         f"{band.low:.2f}-{band.high:.2f} ({band.source}): ", Value(a * band.low, "distance"),
                         " to ", Value(a * band.high, "distance"), f"; {over_band[1]}"))
    # a vehicle that gives only a measured consumption has no road load to simulate the ratio with
    if v is not None and not v.measured_only:
        _, mass, how = ctx.consumption(v, None, None)
        ratio = ctx.cached(("ratio", id(v), ka, kb, mass), lambda: simulated_ratio(v, ka, kb, mass))
        derived = Value(a * ratio, "distance")
        status = judge(derived.si, asserted, claim.qualifier, _tol(claim))
        notes.append(_joined([(f"{v.id} at ", Value(mass, "mass"), " ("), how, f"): simulated {kb.upper()}/"
                              f"{ka.upper()} = {ratio:.3f}"], ""))
        notes += _stated(v.load.assumptions(), v.load.assumptions("imperial"))
        if not car and (ka in RATING_CYCLES or kb in RATING_CYCLES):
            notes.append(_not_a_car(v) + ": the ratio is that of the car ratings' cycles driven by it, not of "
                                         "ratings published for it")
            notes.append(f"no published band: the bands are for light-duty cars' ratings and {v.id} is of class "
                         f"{v.spec.vehicle_class}; the ratio is the simulation's alone")
        notes += _cannot_follow(v, tuple(dict.fromkeys(x for k in (ka, kb) for x in RATING_CYCLES.get(k, (k,)))),
                                mass)
        if band is not None and not band.contains(ratio):
            notes.append(f"the simulated ratio {ratio:.3f} lies outside the published band "
                         f"{band.low:.2f}-{band.high:.2f}")
        take: Phrase = ("a range of ", derived, f" on the {label_b} for ", Value(a, "distance"), f" on the {label_a}")
        return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed), (derived,),
                       _holds(status, take), notes, readings, details=band_ends, claimed=claimed, derived=derived,
                       needed=derived)
    # what would simulate the ratio: a vehicle, or the road load of the one given
    simulator = "a vehicle" if v is None else f"{v.id}'s road load"
    give = "give 'vehicle'" if v is None else "give its drag_coefficient, frontal_area and rolling_resistance"
    if band is None:
        return Verdict(claim.id, claim.kind, claim.quote, "underdetermined", (f"{_qual(claim)} ", claimed),
                       "not computable", f"{simulator} (to simulate the ratio)", notes, readings, claimed=claimed,
                       missing=[f"{simulator}: no published band for {kb.upper()}/{ka.upper()}"])
    assert over_band is not None
    mid = Value(a * (band.low + band.high) / 2, "distance")
    status, _, turn = over_band
    take = ("a range between ", Value(a * band.low, "distance"), " and ", Value(a * band.high, "distance"))
    missing: list[str] = []
    if status == "underdetermined":
        missing = [f"{simulator}: the claim holds where {turn}"]
        take = f"{'a vehicle' if v is None else v.id} whose {turn} ({give} to simulate the ratio)"
    notes.append(("no vehicle given" if v is None else f"{v.id} gives only a measured consumption, no road load")
                 + f": the published band decides ({give} to simulate the ratio)")
    return Verdict(claim.id, claim.kind, claim.quote, status, (f"{_qual(claim)} ", claimed),
                   (Value(a * band.low, "distance"), " to ", Value(a * band.high, "distance")),
                   _holds(status, take), notes, readings, missing=missing, details=band_ends, claimed=claimed,
                   derived=mid)


def _over_rating_band(claim, a: float, asserted: float, low: float, high: float,
                      ratio_name: str) -> tuple[Status, str, str]:
    """A ratings claim over the published band ``[low, high]`` of the ratio ``R_b / R_a``, for ``a`` on
    ``a_cycle`` and ``asserted`` on ``b_cycle``: ``(status, the reading's words, where it turns)``. ``about``
    holds when the asserted range lies in ``[a low, a high]`` (a ratio in the band makes it exact); ``at-least``
    and ``at-most`` (and ``over``, ``under``, ``up-to``) are judged (:func:`judge`) at both ends of the band,
    ``a low`` and ``a high`` (the test is monotonic in the range): it holds or fails if it does at both, else
    it is underdetermined and turns at the ratio ``asserted (1 -/+ tol) / a``."""
    test = _SAME_TEST.get(claim.qualifier, claim.qualifier)
    if test == "about":
        inside = low * a <= asserted * (1 + 1e-12) and asserted <= high * a * (1 + 1e-12)
        where = "inside" if inside else "outside"
        return ("holds" if inside else "fails"), f"the claim is {where} that band", ""
    tol = _tol(claim)
    at_low, at_high = (judge(a * r, asserted, claim.qualifier, tol) for r in (low, high))
    if at_low == at_high:
        return at_low, f"the claim {at_low} across that band", ""
    if test == "at-least":
        turn = f"{ratio_name} is at least {(asserted - abs(asserted) * tol) / a:.4g}"
    else:
        turn = f"{ratio_name} is at most {(asserted + abs(asserted) * tol) / a:.4g}"
    return "underdetermined", f"the claim holds only where {turn}", turn


EVALUATORS: dict[str, Callable] = {
    "same-weight": eval_same_weight, "same-energy": eval_same_energy, "same-range": eval_same_range,
    "range": eval_range, "consumption": eval_consumption, "charge": eval_charge,
    "range-added": eval_range_added, "ratio": eval_ratio, "difference": eval_difference,
    "product": eval_product, "growth": eval_growth, "expression": eval_expression,
    "same-volume": eval_same_volume, "same-energy-volume": eval_same_energy_volume, "lifetime": eval_lifetime,
    "ratings": eval_ratings,
}


#: A claim's inputs that may name a trace file of one's own (``cycle: my-trace.csv``).
_TRACE_INPUTS = ("cycle", "a_cycle", "b_cycle")
#: Those of :data:`_TRACE_INPUTS` each claim kind's inputs model has, by model.
_TRACE_FIELDS: dict[type, tuple[str, ...]] = {}


def _trace_fields(kind: Any) -> tuple[str, ...]:
    """The inputs of :data:`_TRACE_INPUTS` that inputs model ``kind`` has, looked up once per model (most
    kinds have none: no getattr that raises a claim)."""
    names = _TRACE_FIELDS.get(kind)
    if names is None:
        names = _TRACE_FIELDS[kind] = tuple(n for n in _TRACE_INPUTS if n in kind.model_fields)
    return names


def _traces_beside(claim, ctx: Context):
    """``claim`` with each trace file its inputs name by a relative path (:data:`_TRACE_INPUTS`) read from
    its claims file's folder when the file is there, as its cells and vehicles are (:meth:`Context._load`):
    read from the current folder, the same claims file gave another verdict, or "not found", from
    another folder."""
    if ctx.doc is None:
        return claim
    update = {}
    for name in _trace_fields(type(claim.inputs)):
        given = getattr(claim.inputs, name)
        if isinstance(given, str) and given.strip().lower().endswith(".csv") and not Path(given.strip()).is_absolute():
            beside = Path(ctx.doc.path).parent / given.strip()
            if beside.exists():
                update[name] = str(beside)
    return claim.model_copy(update={"inputs": claim.inputs.model_copy(update=update)}) if update else claim


#: The kinds that may leave a figure open, as '?' or as a reference to a figure its spec does not publish,
#: and then give the value it would take: the only claims a ``plausible`` range applies to.
_OPEN_FIGURE_KINDS = frozenset({"ratio", "difference", "expression"})


def _unused_plausible(ctx: Context, why: str) -> BatcalcError:
    """The error refusing a claim's ``plausible`` range that nothing would read (it was ignored), located
    at it in a file and naming ``--plausible`` on the command line."""
    text = (f" applies only to a figure left as '?' (or one its spec does not publish), whose value the "
            f"claim implies: {why}; drop it")
    if ctx.doc is None:
        return ClaimInputsError("{plausible}" + literal(text))
    return ctx.error(("plausible",), "plausible" + text)


def _locate_cycle_error(claim, ctx: Context) -> None:
    """On an error of a claim: a cycle input that names no cycle (``cycle: wltc3``) is the error, raised at
    that input (its line and column in a file; ``inputs.cycle:`` on the command line), the error path only:
    evaluating read them already."""
    from batcalc.physics.cycles import get_cycle
    from batcalc.physics.ratings import rating_key

    read = rating_key if claim.kind == "ratings" else get_cycle     # a ratings claim names ratings ('epa')
    for name in _trace_fields(type(claim.inputs)):
        given = getattr(claim.inputs, name)
        if isinstance(given, str):
            try:
                read(given)
            except SpecError:                   # a trace file's own error, at its own line
                raise
            except BatcalcError as exc:
                raise reworded(exc, partial(ctx.error, ("inputs", name))) from None


def evaluate(claim, ctx: Context) -> Verdict:
    """The verdict on one validated claim. An error from the layers below (an unknown cycle, a range
    no pack reaches) is located at the claim's ``inputs`` when the claim comes from a file."""
    claim = _traces_beside(claim, ctx)
    if claim.plausible is not None and claim.kind not in _OPEN_FIGURE_KINDS:
        raise _unused_plausible(ctx, f"a {claim.kind} claim leaves no figure as '?'")
    if claim.qualifier == "between" or isinstance(claim.asserted, list):
        return _between(claim, ctx)
    if isinstance(claim.asserted, str) and "to" in claim.asserted and units.range_ends(claim.asserted):
        raise ctx.error(("asserted",), f"{claim.asserted!r} is a range: a range is asserted with the qualifier "
                                       f"'between' (qualifier: {claim.qualifier}), or assert one figure")
    try:
        verdict = EVALUATORS[claim.kind](claim, ctx)
    except MissingFact as exc:
        verdict = Verdict(claim.id, claim.kind, claim.quote, "underdetermined",
                          f"{_qual(claim)} {_figure_text(claim.asserted)}", "", exc.take, exc.notes,
                          missing=[exc.fact, *exc.more], claimed=_claimed_as_written(claim, ctx))
    except SpecError:                       # located already (in this file or a file it names)
        raise
    except BatcalcError as exc:
        _locate_cycle_error(claim, ctx)         # a cycle that names none: at its input, in a file or not
        if ctx.doc is None:
            raise
        raise reworded(exc, lambda text: ctx.error(("inputs",), text)) from None
    if claim.plausible is not None and "plausible" not in verdict.details:
        raise _unused_plausible(ctx, "the claim implies no value here for the figure it leaves open"
                                if verdict.status == "underdetermined" else "this claim's figures are all known")
    verdict.source = claim.source
    verdict.cited = ctx.sources.get(claim.source) if claim.source else None
    verdict.qualifier = claim.qualifier
    verdict.evidence = _ledger(claim, ctx)
    shown = verdict.claimed
    words = _worded(claim.asserted, shown)
    if words is not shown and isinstance(verdict.claimed_text, tuple):
        # '1 million km' is shown as written, not as '1000000 km' (the JSON number keeps the plain unit)
        verdict.claimed_text = tuple(words if x is shown else x for x in verdict.claimed_text)
        if isinstance(verdict.would_take, tuple):        # 'needs b at 592.1 Wh/L for 40 % less space'
            verdict.would_take = tuple(words if x is shown else x for x in verdict.would_take)
    tol, how = tolerance_of(claim)
    if how.startswith("absolute"):
        verdict.assumptions.append(f"tolerance {how} ({claim.qualifier})")
    elif how == ZERO_BOUND:
        verdict.assumptions.append(f"no tolerance: an asserted 0 is a bound, compared exactly ({claim.qualifier})")
    elif how == ZERO_SCALED:
        verdict.assumptions.append(("tolerance for an asserted 0: ", Value(tol, "fraction"),
                                    f" of the larger of |a| and |b| ({claim.qualifier})"))
    elif how == ZERO_POINTS:
        points = _written_unit(claim.asserted) in ("%", "percent")
        verdict.assumptions.append(f"tolerance for an asserted 0: ±{tol * 100 if points else tol:.4g}"
                                   f"{' percentage points' if points else ''} ({claim.qualifier})")
    else:
        verdict.assumptions.append(("tolerance ", Value(tol, "fraction"), f" relative ({claim.qualifier}"
                                    + ("" if how in ("default", "given") else f"; {how}") + ")"))
    for name, value in ranged_inputs(claim).items():
        verdict.assumptions.append((f"{name} {value.text}: a range, taken at ",
                                    Value(value.si, value.dim, unit=value.unit if value.unit != "%" else ""),
                                    " here (a check with bands carries the whole range)"))
    if claim.note:
        verdict.assumptions.append(f"note: {claim.note}")
    return verdict


def ranged_inputs(claim) -> dict[str, Any]:
    """The claim's inputs written as ranges (``'250 to 300 Wh/kg'``), by input name."""
    inputs = getattr(claim, "inputs", None)
    if inputs is None:
        return {}
    return {name: v for name in _field_names(inputs) if getattr(v := getattr(inputs, name), "ranged", False)}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(inputs: Any) -> tuple[str, ...]:
    """The field names of a claim's inputs model, read from ``model_fields`` once per model class (on
    the class it is a property of pydantic's, a Python call each time it is read)."""
    kind = type(inputs)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(kind.model_fields)
    return names


#: The cell figure each kind uses from a cell named in its inputs.
_CELL_FIGURE = {"lifetime": ("cycles", "retention"), "same-weight": ("gravimetric",),
                "same-energy": ("gravimetric",), "same-range": ("gravimetric",), "range": ("gravimetric",),
                "charge": ("max_c_rate", "gravimetric"), "same-volume": ("volumetric",),
                "same-energy-volume": ("volumetric",)}
_GIVEN_GRADES = {"datasheet", "reference"}
#: Inputs that name things (cells, a vehicle, a cycle, a reading) rather than give the claim's own figures.
_NOT_OWN_FIGURES = frozenset(("a", "b", "cell", "vehicle", "cycle", "reading", "test_cycle", "expr"))


def _ledger(claim, ctx: Context) -> list:
    """The evidence ledger of a claim: the grade of its own figures (its source's grade), of each
    catalogue cell figure it used, and 'assumption' for vehicle presets (simulated consumption) and
    the figures of an expression's references (noted in ``ctx.evidence``)."""
    out: list = []
    own = ctx.grades.get(claim.source, "unsourced") if claim.source else "unsourced"
    inputs = claim.inputs
    # the inputs by name, read through the model's field list: getattr(inputs, name, None) of a field the
    # kind lacks goes through pydantic's __getattr__ and an AttributeError, several times a claim
    fields = {k: getattr(inputs, k) for k in _field_names(inputs)}
    if claim.kind in ("ratio", "difference", "product", "growth", "expression") or any(
            x is not None and k not in _NOT_OWN_FIGURES for k, x in fields.items()):
        out.append(("the claim's own figures", own))
    keys = _CELL_FIGURE.get(claim.kind, ())
    if keys:                                  # a kind that reads figures of the cells it names
        from batcalc.physics.cells import FIGURES

        for side in ("a", "b", "cell"):
            name = fields.get(side)
            for key in keys:
                if not isinstance(name, str) or _is_unknown(name):
                    break
                if key == "gravimetric" and claim.kind == "charge" and fields.get("vehicle") is None:
                    continue                  # a charge claim uses the density only for a pack in a vehicle
                try:
                    fig = ctx.cell(name, ("inputs", side)).figures.get(key)
                except BatcalcError:
                    break
                if fig is not None:
                    out.append((f"{name} {FIGURES[key][0]}", fig.grade or "unsourced"))
    vehicle = fields.get("vehicle")
    if vehicle is not None or claim.kind == "same-range":
        name = vehicle or DEFAULT_VEHICLE
        what = "preset" if name in catalog.catalog_id_set("vehicle") else "vehicle file"
        cycle, anchored = fields.get("cycle"), claim.kind in _ANCHORED_KINDS
        out.append((f"{name} ({what}; {_consumption_basis(ctx, name, cycle, anchored)})",
                    _vehicle_grade(ctx, name, cycle, anchored)))
    out += ctx.evidence
    return list(dict.fromkeys(out))


#: The kinds that simulate a vehicle with a measured consumption on the rating cycles too, anchored to its
#: measured figure (:func:`batcalc.physics.ratings.rating_consumption`): they read its road load as well.
_ANCHORED_KINDS = frozenset(("range", "ratings"))
#: The default assumptions that are conditions of a drive (the air it is driven in), not figures of a vehicle.
_AMBIENT_ASSUMPTIONS = frozenset(("ambient-temperature", "altitude"))


def _vehicle_grade(ctx: Context, name: str, cycle: Optional[str], anchored: bool = False,
                   figures: Optional[tuple] = None) -> str:
    """The evidence grade of vehicle ``name`` in this claim: the weakest grade of the figures of its spec
    the claim's computation read (:func:`batcalc.physics.vehicle.weakest_figure_grade`, by the rule of a
    cell's figures), 'unsourced' when one of them cites no source. ``figures`` names them (top-level keys
    of the spec, or (group, key) pairs); by default those of its consumption: the masses it carries; its
    measured consumption when it gives one and the claim names no ``cycle``; else (and with ``anchored``,
    the ratings a measured consumption anchors) its road load and powertrain, 'assumption' where its spec
    is silent and a default stands in (docs/assumptions.md; the ambient air is the drive's, not the
    vehicle's); and the reference pack's mass and energy where the claim read them (``ctx.packs_read``).
    A vehicle that cannot be loaded is an 'assumption', as before it was graded. Worked out once per
    vehicle spec and set of figures (per process for a catalogue vehicle, per check for a user's file)."""
    hit = _used_vehicle(ctx, name)
    if hit is None:
        return "assumption"
    spec = hit[1].spec
    defaults = False
    if figures is None:
        measured, road = _consumption_read(hit[1], cycle, anchored)
        packs = tuple(sorted(what for sid, what in ctx.packs_read if sid == id(spec))) if ctx.packs_read else ()
        defaults = road and not hit[2] <= _AMBIENT_ASSUMPTIONS
        key: tuple = (measured, road, packs, defaults)
    else:
        key = (figures,)
    memo = ctx.cache.get(("vehicle grades", id(spec)))
    if memo is None:
        catalogued = name in catalog.catalog_id_set("vehicle")
        memo = _GRADES.get(spec) if catalogued else None
        if memo is None:
            memo = {}
            if catalogued:
                _GRADES.put(spec, None, memo)
        ctx.cache[("vehicle grades", id(spec))] = memo
    found = memo.get(key)
    if found is None:
        from batcalc.physics.vehicle import (
            MASS_FIGURES,
            MEASURED_FIGURES,
            ROAD_LOAD_FIGURES,
            figure_grades,
            weakest_figure_grade,
        )

        grades = memo.get("figures")
        if grades is None:
            grades = memo["figures"] = figure_grades(spec)
        if figures is None:
            figures = MASS_FIGURES + (MEASURED_FIGURES if key[0] else ()) + (ROAD_LOAD_FIGURES if road else ()) \
                + tuple(("reference_pack", what) for what in packs)
        found = memo[key] = weakest_figure_grade(grades, figures, defaults) or "unsourced"
    return found


def _used_vehicle(ctx: Context, name: str) -> Optional[tuple[Any, Any, frozenset]]:
    """The vehicle ``name`` as the claim's evaluation used it (:meth:`Context.vehicle_at_point`'s triple), loaded
    now when the evaluation did not (a claim missing a fact); None when it cannot be loaded."""
    hit = ctx.vehicles.get(name)
    if hit is None:
        try:
            hit = ctx.vehicle_at_point(name, ("inputs", "vehicle"))
        except BatcalcError:
            return None
    return hit


def _consumption_read(v: Any, cycle: Optional[str], anchored: bool) -> tuple[bool, bool]:
    """``(measured, road)``: whether a claim's consumption of vehicle ``v`` reads its measured figure (not
    :meth:`~batcalc.physics.vehicle.Vehicle.simulated_on` the claim's ``cycle``) and whether it reads its road
    load (it gives one, not :attr:`~batcalc.physics.vehicle.Vehicle.measured_only`, and is simulated on the
    cycle, or the kind's ratings are ``anchored`` to it: the road-load model scales the measured figure between
    ratings)."""
    simulated = v.simulated_on(cycle)
    return not simulated, not v.measured_only and (simulated or anchored)


def _consumption_basis(ctx: Context, name: str, cycle: Optional[str], anchored: bool) -> str:
    """How the claim found vehicle ``name``'s consumption, for its evidence: 'measured consumption', 'simulated
    consumption' or both (:func:`_consumption_read`); 'simulated consumption' for a vehicle that cannot be loaded
    (a claim missing a fact)."""
    hit = _used_vehicle(ctx, name)
    if hit is None:
        return "simulated consumption"
    measured, road = _consumption_read(hit[1], cycle, anchored)
    if measured:
        return "measured consumption, scaled between ratings by simulation" if road else "measured consumption"
    return "simulated consumption"


#: By catalogue vehicle spec object: the grades of its figures (:func:`batcalc.physics.vehicle.figure_grades`,
#: under 'figures') and the evidence grade of each set of figures read (:func:`_vehicle_grade`).
_GRADES: ByIdentity[dict] = ByIdentity(256)


def weakest_evidence(evidence: list) -> Optional[str]:
    """A warning when a verdict rests on press-grade figures or assumptions only (no datasheet or
    reference figure among those it used), else None."""
    grades = {g for _, g in evidence}
    if not grades or grades & _GIVEN_GRADES:
        return None
    return "rests on " + " and ".join(sorted({"press": "press-grade figures", "unsourced": "unsourced figures",
                                               "assumption": "assumptions"}[g] for g in grades)) + " only"


def _between(claim, ctx: Context) -> Verdict:
    """``between [low, high]``: holds when the claim holds as ``at-least low`` and as ``at-most high``
    (each bound with its own stated precision); the verdict of the bound that fails decides."""
    if claim.qualifier != "between":
        raise ctx.error(("asserted",), f"a list [low, high] is asserted only with qualifier 'between' "
                                       f"(this claim's qualifier is {claim.qualifier!r})")
    asserted = claim.asserted
    if isinstance(asserted, str) and units.range_ends(asserted):     # 'LOW to HIGH unit', as `batcalc claim`
        asserted = units.range_ends(asserted)                         # takes it: the unit once
    if not isinstance(asserted, list) or len(asserted) != 2:
        raise ctx.error(("asserted",), "'between' needs two figures: asserted: [low, high] or 'LOW to HIGH unit' "
                                       "('300 to 400 km')")
    low, high = asserted
    lo = evaluate(claim.model_copy(update={"asserted": low, "qualifier": "at-least"}), _Sub(ctx, 0))
    hi = evaluate(claim.model_copy(update={"asserted": high, "qualifier": "at-most"}), _Sub(ctx, 1))
    if isinstance(lo.claimed, Value) and isinstance(hi.claimed, Value):
        (lo_si, lo_dims), (hi_si, hi_dims) = _si_order(lo.claimed), _si_order(hi.claimed)
        if lo_dims == hi_dims and lo_si > hi_si:
            raise ctx.error(("asserted",), f"between [{low}, {high}]: the low figure is above the high one")
    worst = lo if lo.status == "fails" else hi if hi.status == "fails" else lo if lo.status != "holds" else hi
    out = Verdict(**{**worst.__dict__})
    if lo.status == hi.status == "underdetermined":
        _between_over_open(out, lo, hi, (low, high))
    out.qualifier = "between"
    out.evidence = list(dict.fromkeys(lo.evidence + hi.evidence))
    out.claimed_text = ("between ", _phrase_value(lo, low), " and ", _phrase_value(hi, high))
    out.claimed = lo.claimed
    out.details = {**worst.details, "low": lo.claimed, "high": hi.claimed}
    if lo.status == hi.status == "underdetermined":
        _between_implied(out, lo, hi, claim, ctx)
        if "retention_turns" in lo.details and "retention_turns" in hi.details:    # a lifetime over the retention
            out.would_take = ("a retention at the end of life from ", lo.details["retention_turns"], " to ",
                              hi.details["retention_turns"])
    out.assumptions = [a for a in worst.assumptions if not (isinstance(a, tuple) and a[:1] == ("tolerance ",))]
    for v, end in ((lo, "low"), (hi, "high")):
        tol = next((a for a in v.assumptions if isinstance(a, tuple) and a[:1] == ("tolerance ",)), None)
        if tol is not None:
            out.assumptions.append((f"{end} bound: ",) + tol)
    return out


def _between_implied(out: Verdict, lo: Verdict, hi: Verdict, claim: Any, ctx: Context) -> None:
    """A 'between' claim whose figure left open ('?', or one its cell does not publish) each bound implies a
    bound of: what it would take is the figure between the two ("75 kWh / ? between 180 and 200 kg": ? from
    375 to 416.7 Wh/kg), not the bound of the verdict that ``out`` copies alone; with a ``plausible`` range,
    whether that span lies inside it, partly, or outside (``details['plausible']``: wholly inside)."""
    a, b = lo.details.get("implied"), hi.details.get("implied")
    take = lo.would_take
    if not (isinstance(a, Value) and isinstance(b, Value) and a.unit == b.unit and a.dim == b.dim
            and isinstance(take, tuple) and take and isinstance(take[0], str) and " would be " in take[0]):
        return
    def written(v: Verdict, value: Value) -> Any:         # as each bound writes it: '1.5 billion yuan'
        t = v.would_take
        return t[1] if isinstance(t, tuple) and len(t) > 1 and t[1] is not None else value

    ends = sorted(((a, lo.details.get("plausible"), written(lo, a)), (b, hi.details.get("plausible"),
                                                                       written(hi, b))), key=lambda end: end[0].si)
    (first_value, _, first), (last_value, _, last) = ends
    out.would_take = (take[0].split(" would be ")[0] + " would be between ", first, " and ", last)
    out.details = {**out.details, "implied_between": [first_value, last_value]}
    if claim.plausible is not None and "plausible" in lo.details and len(take) == 7:
        # each bound's text ends "(inside the plausible range ", LOW, " to ", HIGH, ")": the range as shown there
        bounds = sorted(float(ctx.quantity(x, ("plausible", k)).to_base_units().magnitude)
                        for k, x in enumerate(claim.plausible))
        low, high = _si_order(first_value)[0], _si_order(last_value)[0]
        where = "inside" if bounds[0] <= low and high <= bounds[1] else \
            "OUTSIDE" if high < bounds[0] or low > bounds[1] else "partly inside"
        out.would_take += (f" ({where} the plausible range ",) + take[3:]
        out.details["plausible"] = where == "inside"


def _between_over_open(out: Verdict, lo: Verdict, hi: Verdict, claim_bounds: tuple[Any, Any]) -> None:
    """A 'between' claim whose two bounds are each underdetermined over what the claim leaves open (the
    test cycles of a range, the starts of a charge: :attr:`Verdict.open_over`) is judged alternative by
    alternative: inside on one where both bounds hold, outside where either fails. It holds or fails only
    if it does on every alternative, else it is underdetermined, naming where it holds; ``out`` (a copy of
    a bound's verdict) takes that verdict."""
    if lo.open_over is None or hi.open_over is None or lo.open_over[2].keys() != hi.open_over[2].keys():
        return
    noun, word, low = lo.open_over
    high = hi.open_over[2]
    each: dict[str, Status] = {k: "holds" if low[k] == high[k] == "holds" else "fails" for k in low}
    held = [k for k, st in each.items() if st == "holds"]
    failed = [k for k in each if k not in held]
    out.open_over = (noun, word, each)
    out.missing = [m for m in out.missing if not m.startswith(noun + ":")]
    if held:
        out.missing.append(f"{noun}: it holds {word} {', '.join(held)} and fails {word} {', '.join(failed)}")
        out.would_take = f"a stated {noun.removeprefix('the ')} (it holds {word} {', '.join(held)})"
        return
    out.status = "fails"
    below = [k for k in failed if low[k] == "fails"]
    above = [k for k in failed if high[k] == "fails"]
    # the bounds as the claim wrote them (a claimed value keeps its own unit), as text: a band over the
    # assumptions reads the Values of what it would take by position, and where the claim is underdetermined
    # or fails one bound alone, other Values stand there
    low_text, high_text = (_figure_text(x) for x in claim_bounds)
    out.would_take = "; ".join(([f"at least {low_text} {word} {', '.join(below)}"] if below else [])
                               + ([f"at most {high_text} {word} {', '.join(above)}"] if above else []))
    out.needed = None              # no one figure: each alternative misses a different bound


def _si_order(v: Value) -> tuple[float, str]:
    """A bound of a 'between' claim as ``(SI value, dimension)``, to order the two: a figure shown as
    written (``given``: '400 mi', '500 km') converted from its own unit, so bounds written in different
    units compare as what they are; any other Value is SI already (its dimension its ``dim``)."""
    if v.dim == "given" and v.unit:
        try:
            parsed = units.parse_value(f"{v.si!r} {v.unit}")
        except BatcalcError:
            return v.si, v.unit
        return parsed.si, parsed.dims
    return v.si, v.dim


def _phrase_value(v: Verdict, raw: Any = None) -> Phrase:
    """A bound of a 'between' claim as written: its claimed value ('1.2 million mi' with its counting word)."""
    return _worded(raw, v.claimed) if v.claimed is not None else v.claimed_text


class _Sub(Context):
    """The context of one bound of a 'between' claim: errors in 'asserted' point at that bound."""

    def __init__(self, ctx: Context, k: int) -> None:
        super().__init__(ctx.doc, ctx.loc, ctx.cache, ctx.grades, ctx.assumed, ctx.sources)
        self.k = k
        self.bound_of_between = True

    def error(self, key: tuple, message: str) -> BatcalcError:
        return super().error(key + (self.k,) if key == ("asserted",) else key, message)


def load_claims_file(name: str) -> tuple[Any, Any]:
    """A claims file (catalogue id under specs/claims, a path, or ``-``: standard input, with the limits
    of any spec read from it, :func:`batcalc.io.yamlfile.load_stdin`), validated: ``(spec, document)``."""
    if name == "-":
        from batcalc.io.yamlfile import load_stdin

        doc = load_stdin()
    else:
        path, _ = catalog.resolve(name, "claim")
        try:
            doc = load_yaml(path, max_bytes=MAX_CLAIMS_FILE_BYTES, max_nodes=MAX_CLAIMS_FILE_NODES)
        except SpecError as exc:              # 'seed-article.yaml': say that the id names the catalogue's
            if exc.message == "no such file":     # and name the file as written ('./x', not 'x')
                raise SpecError(exc.message + catalog.id_hint(path), shown_path(name)) from None
            raise
    spec = validate_document(doc, expect="claims")
    problems = file_problems(spec, doc)
    if problems:
        raise problems[0]
    return spec, doc


def file_problems(spec: Any, doc: Any) -> list[SpecError]:
    """What a schema-valid claims file may still get wrong, in the file's order: an assumption the
    physics refuses at a value of its range (``usable-fraction: 0 to 0.9``:
    :func:`batcalc.physics.bands.check_assumption`), a claim id given twice, a claim citing a
    ``source`` the file's ``sources:`` do not list."""
    problems = []
    if spec.assumptions:
        from batcalc.physics.bands import check_overridden

        ranges = file_ranges(spec)
        for id in spec.assumptions:
            try:
                check_overridden({id: ranges[id]})
            except InputsError as exc:          # written in each unit system, as the command line's --assume
                problems.append(doc.error_in_systems(
                    ("assumptions", id), lambda system, exc=exc: exc.spelled(lambda name, example: "assumption",
                                                                              system)))
    return problems + claim_id_problems(((k, c.id, c.source) for k, c in enumerate(spec.claims)),
                                       [src.id for src in spec.sources], doc)


def claim_id_problems(claims: Any, source_ids: list[str] | None, doc: Any) -> list[SpecError]:
    """Each ``(index, id, source)`` of ``claims`` whose id an earlier claim has, or whose ``source``
    (None: none cited) is not among ``source_ids`` (None: the sources are not known, not checked)."""
    from batcalc.spec.model import unknown_source

    problems = []
    seen: set = set()
    for k, claim_id, source in claims:           # a set: linear in the number of claims
        if claim_id in seen:
            problems.append(doc.error(("claims", k, "id"), f"duplicate claim id {claim_id!r}"))
        seen.add(claim_id)
        if source_ids is not None and source is not None and source not in source_ids:
            problems.append(unknown_source(doc, ("claims", k, "source"), source, source_ids))
    return problems


def file_ranges(spec: Any) -> dict[str, Any]:
    """The plausible ranges with a claims file's ``assumptions:`` applied (the schema has read each
    range; :func:`file_problems` has refused a value the physics refuses)."""
    from batcalc.spec.assumptions import plausible_ranges, with_overrides

    return with_overrides(plausible_ranges(), spec.assumptions)


def check_file(name: str) -> tuple[Any, list[Verdict]]:
    """Load a claims file (catalogue id under specs/claims or a path) and evaluate every claim."""
    spec, doc = load_claims_file(name)
    cache: dict = {}
    sources = {src.id: src for src in spec.sources}
    grades = {sid: src.grade for sid, src in sources.items()}
    assumed = None
    if spec.assumptions:                   # the file's ranges: its claims are checked at their central values
        assumed = Assumed.central(file_ranges(spec))
    return spec, [evaluate(c, Context(doc, ("claims", k), cache, grades, assumed.with_values({}) if assumed else None,
                                      sources)) for k, c in enumerate(spec.claims)]


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


def check_inline(kind: str, inputs: dict[str, Any], asserted: str, qualifier: str = "about",
                 tolerance: Optional[str] = None, quote: Optional[str] = None,
                 plausible: Optional[str] = None) -> Verdict:
    """Evaluate one claim given on the command line (``key=value`` inputs)."""
    return evaluate(inline_claim(kind, inputs, asserted, qualifier, tolerance, quote, plausible), Context(None))


def inline_claim(kind: str, inputs: dict[str, Any], asserted: str, qualifier: str = "about",
                 tolerance: Optional[str] = None, quote: Optional[str] = None,
                 plausible: Optional[str] = None) -> Any:
    """The claim model of one claim given on the command line (``key=value`` inputs), validated;
    ``plausible`` is the range ``'LOW to HIGH unit'`` of a claims file's ``plausible: [low, high]``; a
    product's ``factors`` is text (``'800 * 300 mi'``) or, from the Python API, a list as in a file."""
    from pydantic import ValidationError

    from batcalc.io.yamlfile import Document
    from batcalc.spec.model import _first_error

    if kind not in CLAIM_MODELS:
        import difflib

        hint = difflib.get_close_matches(kind, list(CLAIM_MODELS), n=1)
        raise ClaimError(f"unknown claim kind {kind!r}" + (f"; did you mean {hint[0]!r}?" if hint else
                                                           f"; kinds: {', '.join(CLAIM_MODELS)}"))
    if quote is not None and not quote.strip():     # as a claims file's quote: the claim's words, not nothing
        raise ClaimInputsError("{quote} is empty: give the claim's words, or leave it out")
    data: dict[str, Any] = {"id": "command-line", "kind": kind, "quote": quote or f"{kind} claim",
                            "asserted": asserted, "qualifier": qualifier, "inputs": dict(inputs)}
    if kind == "product" and isinstance(inputs.get("factors"), str):     # '800 * 300 mi'; a list as it is
        data["inputs"]["factors"] = [f.strip() for f in inputs["factors"].split("*")]
    if qualifier == "between":          # 'LOW to HIGH unit': the unit once, as in a ranged input
        ends = units.range_ends(asserted)
        if not ends:
            raise ClaimInputsError("{qualifier} between takes {asserted:LOW to HIGH}, e.g. '300 to 400 km', got "
                                   + literal(repr(asserted)))
        data["asserted"] = ends
    if plausible is not None:           # 'LOW to HIGH unit', read by the model as a file's
        data["plausible"] = plausible
    if tolerance is not None:
        data["tolerance"] = tolerance
    model = CLAIM_MODELS[kind]
    doc = Document("<command line>", data)
    try:
        claim = model.model_validate(data)
    except ValidationError as exc:
        raise ClaimError(_inline_inputs_problem(kind, model, exc) or _first_error(exc, model, doc).message) from None
    return claim


def _inline_inputs_problem(kind: str, model: Any, exc: Any) -> Optional[str]:
    """For a claim given on the command line: its unknown inputs (with a did-you-mean) and its missing
    ones in one line, with the inputs its kind takes (``KEY=VALUE`` names, not a file's key paths:
    ``ratio claim: unknown input 'x'; missing inputs 'a' and 'b'; a ratio claim takes a, b``); None when
    no input is unknown or missing (another problem is the message then)."""
    import difflib

    errors = exc.errors(include_url=False)
    takes = list(model.model_fields["inputs"].annotation.model_fields)

    def named(kind_of_error: str) -> list[str]:
        return [str(e["loc"][1]) for e in errors if e["type"] == kind_of_error and len(e["loc"]) == 2
                and e["loc"][0] == "inputs"]

    unknown, missing = named("extra_forbidden"), named("missing")
    if not (unknown or missing):
        return None
    def listed(what: str, names: list[str]) -> str:
        return f"{what}{'s' if len(names) > 1 else ''} {word_list(names)}"

    parts = []
    if unknown:
        hints = [difflib.get_close_matches(key, takes, n=1) for key in unknown]
        parts.append(listed("unknown input", [repr(key) + (f" (did you mean {hint[0]!r}?)" if hint else "")
                                              for key, hint in zip(unknown, hints, strict=True)]))
    if missing:
        parts.append(listed("missing input", [repr(k) for k in missing]))
    rest = len(errors) - len(unknown) - len(missing)
    return (f"{kind} claim: {'; '.join(parts)}; a {kind} claim takes {', '.join(takes)} (docs/claims.md)"
            + (f" (+{rest} more)" if rest else ""))
