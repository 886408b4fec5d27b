"""What a cell spec implies: given and derived figures, their sources and grades, cross-checks.

All figures are SI magnitudes (J, kg, m^3, J/kg, J/m^3, V, A*s, 1/s); :mod:`batcalc.render` turns
them into display units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple, Optional

from batcalc.io.yamlfile import Loc
from batcalc.spec.model import CellSpec, Value, cited_sources, resolve_sources
from batcalc.units import format_number

#: Relative difference above which a value given twice is reported as a mismatch.
MISMATCH_TOLERANCE = 0.03

#: The order and labels of figures in tables: key -> (label, dimension).
FIGURES: dict[str, tuple[str, str]] = {
    "nominal_voltage": ("nominal voltage", "voltage"),
    "capacity": ("capacity", "charge"),
    "energy": ("energy", "energy"),
    "mass": ("mass", "mass"),
    "volume": ("volume", "volume"),
    "gravimetric": ("gravimetric energy density", "specific_energy"),
    "volumetric": ("volumetric energy density", "energy_density"),
    "max_c_rate": ("max charge C-rate", "c_rate"),
    "cycles": ("cycle life", "count"),
    "retention": ("retention at end of life", "fraction"),
}


class Figure(NamedTuple):
    """One number about a cell: SI magnitude, whether derived (and how), sources and grade.

    (A named tuple: immutable like a frozen dataclass, and several times cheaper to create.)
    """

    key: str
    si: float
    derived: Optional[str] = None        # the formula when derived, None when given
    sources: tuple[str, ...] = ()
    grade: Optional[str] = None          # 'datasheet', 'press', 'assumption' (stated reason, no source), None: neither

    @property
    def label(self) -> str:
        """The figure's label in tables."""
        return FIGURES[self.key][0]

    @property
    def dim(self) -> str:
        """The figure's dimension (for display units)."""
        return FIGURES[self.key][1]


class Mismatch(NamedTuple):
    """A figure a cell spec gives that its other figures contradict: ``given`` and ``derived`` (by
    ``formula``) more than :data:`MISMATCH_TOLERANCE` apart (SI magnitudes of figure ``key``); ``at`` is the
    path of keys of the given value in the spec. Kept as numbers, written in a unit system when shown
    (:meth:`text`)."""

    key: str
    given: float
    derived: float
    formula: str
    at: tuple[str, ...]

    def text(self, system: str = "metric") -> str:
        """The warning, the two values in ``system``'s display units: ``'energy: given 45 Wh but voltage x
        capacity gives 37 Wh (21.6 % apart)'``; a ratio beyond 2 either way reads ``'x1000 apart: a unit
        slip?'``. The difference is ``|given - derived| / |derived|`` (:func:`relative_difference`)."""
        ratio = self.given / self.derived if self.derived else math.inf
        diff = relative_difference(self.given, self.derived)
        apart = f"{diff * 100:.1f} % apart" if 0.5 <= ratio <= 2 else f"x{format_number(ratio)} apart: a unit slip?"
        dim = FIGURES[self.key][1]
        return (f"{FIGURES[self.key][0]}: given {_short(self.given, dim, system)} but {self.formula} gives "
                f"{_short(self.derived, dim, system)} ({apart})")


@dataclass(frozen=True)
class CellFigures:
    """A cell spec with every figure it gives or implies, and the mismatches found.

    Read-only (a frozen dataclass; ``figures`` a read-only mapping, the others tuples): a catalogue
    cell's figures are derived once and the same object is handed to every caller
    (:func:`~batcalc.spec.catalog.load_derived`), so no caller can change what the next one gets.
    """

    spec: CellSpec
    figures: Mapping[str, Figure] = field(default_factory=lambda: MappingProxyType({}))
    #: The given figures that the figures derived from the others contradict, in the order found.
    mismatches: tuple[Mismatch, ...] = ()
    #: The given values graded ``assumption``: (path of keys in the spec, the reason it states).
    assumptions: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """The mismatches as warnings in metric units (:meth:`warnings_in`)."""
        return self.warnings_in("metric")

    def warnings_in(self, system: str = "metric") -> tuple[str, ...]:
        """A warning for each of :attr:`mismatches`, its values in unit ``system``'s display units."""
        return tuple(m.text(system) for m in self.mismatches)

    @property
    def warned_at(self) -> tuple[tuple[str, ...], ...]:
        """Where each of :attr:`warnings` points: the path of keys of the given value a derivation
        disagrees with."""
        return tuple(m.at for m in self.mismatches)

    @property
    def id(self) -> str:
        """The spec's id."""
        return self.spec.id

    @property
    def level(self) -> str:
        """``cell`` or ``pack``: the level the energy-density figures describe."""
        return self.spec.energy_density.level

    def get(self, key: str) -> Optional[float]:
        """SI magnitude of figure ``key``, or None when the spec neither gives nor implies it."""
        fig = self.figures.get(key)
        return fig.si if fig else None

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled (and deep-copied) with ``figures`` as a dict, read-only again when loaded: pickle refuses
        a ``MappingProxyType``, which kept every result holding a cell out of multiprocessing and caches."""
        return _read_only_figures, (self.spec, dict(self.figures), self.mismatches, self.assumptions)


def _read_only_figures(spec: CellSpec, figures: dict[str, Figure], mismatches: tuple[Mismatch, ...],
                       assumptions: tuple[tuple[tuple[str, ...], str], ...]) -> CellFigures:
    """A :class:`CellFigures` as pickled by its ``__reduce__``, with ``figures`` read-only."""
    return CellFigures(spec, MappingProxyType(figures), mismatches, assumptions)


def weakest_grade(grades: Iterable[Optional[str]]) -> Optional[str]:
    """The weakest grade of a derived figure's inputs: None if any is unsourced (and gives no reason),
    else ``assumption`` over ``press`` over ``reference`` (a standard, a peer model: second hand) over
    ``datasheet``."""
    listed = list(grades)
    if not listed or None in listed:
        return None
    return next((g for g in ("assumption", "press", "reference") if g in listed), "datasheet")


def given_grade(sid: Optional[str], value: Value, grade_of: Mapping[str, str]) -> Optional[str]:
    """The grade of a value a spec gives: that of the source it cites (``sid``, graded by ``grade_of``,
    source id -> grade), else ``assumption`` when it states one (its reason), else None (unsourced).
    The one rule for every spec's figures: a cell's (:func:`figures_of`), a vehicle's
    (:func:`batcalc.physics.vehicle.figure_grades`)."""
    if sid:
        return grade_of.get(sid)
    return "assumption" if value.assumption else None


def cylinder_volume(diameter: float, height: float) -> float:
    """Volume of a cylinder, m^3: V = pi * (d/2)^2 * h (d, h in m)."""
    return math.pi * (diameter / 2) ** 2 * height


def box_volume(length: float, width: float, thickness: float) -> float:
    """Volume of a box, m^3: V = l * w * t (all in m)."""
    return length * width * thickness


def relative_difference(given: float, derived: float) -> float:
    """|given - derived| / |derived| (0 when both are 0)."""
    if derived == 0:
        return 0.0 if given == 0 else math.inf
    return abs(given - derived) / abs(derived)


#: A value's location in a spec (its path of keys) -> the id of the source it cites.
Cited = dict[Loc, Optional[str]]


def figures_of(spec: CellSpec, cited: Cited | None = None) -> CellFigures:
    """Collect the figures a cell spec gives and derive the rest.

    Derivations (SI): ``E = V * Q``; ``V_cell`` from dimensions (cylinder or box);
    ``rho_grav = E / m``; ``rho_vol = E / V``. Where a figure is given and derivable, the given value is
    kept and a mismatch above :data:`MISMATCH_TOLERANCE` (3 %) is added to ``warnings``.
    ``cited`` maps value locations to source ids (from :func:`~batcalc.spec.resolve_sources`).
    """
    if cited is None:
        cited = cited_sources(spec)
    if cited is None:
        cited = _cited_without_document(spec)
    grade_of = {s.id: s.grade for s in spec.sources}
    mismatches: list[Mismatch] = []
    locs: dict[str, tuple[str, ...]] = {}
    assumptions: list[tuple[tuple[str, ...], str]] = []

    def _grade(sid: Optional[str], value: Value, loc: tuple[str, ...]) -> Optional[str]:
        """A given value's grade (:func:`given_grade`), an assumption recorded with its reason."""
        grade = given_grade(sid, value, grade_of)
        if grade == "assumption" and not sid:
            assumptions.append((loc, str(value.assumption)))
        return grade

    figs: dict[str, Figure] = {}

    def given(key: str, value: Optional[Value], loc: tuple[str, ...]) -> None:
        """Record a figure the spec states (SI), with the source it cites at ``loc`` and its grade."""
        if value is not None:
            sid = cited.get(loc)
            figs[key] = Figure(key, value.si, None, (sid,) if sid else (), _grade(sid, value, loc))
            locs[key] = loc

    def derive(key: str, si: float, formula: str, inputs: tuple[str, ...]) -> None:
        """Record a derived figure (SI), or compare it with the stated one and warn above 3 %."""
        if key not in figs:
            srcs = tuple(dict.fromkeys(s for k in inputs for s in figs[k].sources))
            figs[key] = Figure(key, si, formula, srcs, weakest_grade(figs[k].grade for k in inputs))
            return
        if relative_difference(figs[key].si, si) > MISMATCH_TOLERANCE:
            mismatches.append(Mismatch(key, figs[key].si, si, formula, locs[key]))

    e, p, d = spec.electrical, spec.physical, spec.energy_density
    given("nominal_voltage", e.nominal_voltage, ("electrical", "nominal_voltage"))
    given("capacity", e.capacity, ("electrical", "capacity"))
    given("energy", e.energy, ("electrical", "energy"))
    given("mass", p.mass, ("physical", "mass"))
    given("volume", p.volume, ("physical", "volume"))
    given("gravimetric", d.gravimetric, ("energy_density", "gravimetric"))
    given("volumetric", d.volumetric, ("energy_density", "volumetric"))
    given("max_c_rate", spec.charging.max_c_rate, ("charging", "max_c_rate"))
    if spec.cycle_life is not None:
        life = spec.cycle_life
        sid = life.source or cited.get(("cycle_life", "retention")) or (
            spec.sources[0].id if len(spec.sources) == 1 else None)
        figs["cycles"] = Figure("cycles", float(life.cycles), None, (sid,) if sid else (),
                                grade_of.get(sid) if sid else None)
        given("retention", life.retention, ("cycle_life", "retention"))

    if "nominal_voltage" in figs and "capacity" in figs:
        derive("energy", figs["nominal_voltage"].si * figs["capacity"].si, "voltage x capacity",
               ("nominal_voltage", "capacity"))
    dims = p.dimensions
    if dims is not None:
        for k in ("diameter", "height", "length", "width", "thickness"):
            v = getattr(dims, k)
            if v is not None:
                sid = cited.get(("physical", "dimensions", k))
                figs["_" + k] = Figure("volume", v.si, None, (sid,) if sid else (),
                                  _grade(sid, v, ("physical", "dimensions", k)))
        if dims.diameter is not None and dims.height is not None:
            derive("volume", cylinder_volume(dims.diameter.si, dims.height.si), "pi (d/2)^2 h",
                   ("_diameter", "_height"))
        elif dims.length is not None and dims.width is not None and dims.thickness is not None:
            derive("volume", box_volume(dims.length.si, dims.width.si, dims.thickness.si),
                   "length x width x thickness", ("_length", "_width", "_thickness"))
        for k in [k for k in figs if k.startswith("_")]:
            del figs[k]
    if d.level == "cell":
        if "energy" in figs and "mass" in figs:
            derive("gravimetric", figs["energy"].si / figs["mass"].si, "energy / mass", ("energy", "mass"))
        if "energy" in figs and "volume" in figs:
            derive("volumetric", figs["energy"].si / figs["volume"].si, "energy / volume", ("energy", "volume"))
    return CellFigures(spec, MappingProxyType({k: figs[k] for k in FIGURES if k in figs}), tuple(mismatches),
                       tuple(assumptions))


def _short(si: float, dim: str, system: str) -> str:
    """An SI magnitude of dimension ``dim`` in ``system``'s display unit, for mismatch warnings: ``'3.6 V'``."""
    from batcalc import units

    value, unit = units.display(si, dim, system)
    return f"{units.format_number(value)} {unit}"


def _cited_without_document(spec: CellSpec) -> Cited:
    """Source resolution for a spec built in code (no file): same rules, no locations needed."""
    from batcalc.io.yamlfile import Document

    return resolve_sources(spec, Document("<memory>", None))


def load_cell(name: str) -> CellFigures:
    """A cell's :class:`CellFigures` by catalogue id or path (validated per file version; a catalogue
    cell's figures derived once per file version too, :func:`~batcalc.spec.catalog.load_derived`)."""
    from batcalc.spec.catalog import load_derived

    return load_derived(name, "cell", figures_of)
