"""Cell -> pack: energy (gross, usable), mass, volume, pack-level densities, voltage, capacity.

Formulas (docs/formulas.md): ``E_pack = E_cells``; ``m_pack = m_cells / f_mass``; ``V_pack = V_cells / f_vol``;
``E_usable = E_pack * f_usable``; ``rho_pack = rho_cell * f_mass``. SI numbers throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Optional

from batcalc.errors import BatcalcError, InputsError
from batcalc.physics.cells import CellFigures
from batcalc.physics.energy import usable_energy
from batcalc.units import check_result, error_in_systems, shown_text

#: Default pack factors, each a stated assumption (docs/assumptions.md):
#: cell mass / pack mass 0.70 (module packs ~0.70, cell-to-pack 0.80-0.90), cell volume / pack
#: volume 0.50 (range 0.40-0.75), usable / nominal energy 0.93 (BEVs use ~90-95 %).
DEFAULT_F_MASS = 0.70
DEFAULT_F_VOLUME = 0.50
DEFAULT_F_USABLE = 0.93
#: The heaviest pack batcalc builds, kg: no road vehicle weighs more
#: (:data:`batcalc.physics.vehicle.MAX_VEHICLE_MASS`).
MAX_PACK_MASS = 1e6


@dataclass(frozen=True)
class PackOptions:
    """How cells become a pack: mass, volume and usable fractions (0 < f <= 1)."""

    f_mass: float = DEFAULT_F_MASS
    f_volume: float = DEFAULT_F_VOLUME
    f_usable: float = DEFAULT_F_USABLE

    def __post_init__(self) -> None:
        """Refuse a fraction outside (0, 1]."""
        for name in ("f_mass", "f_volume", "f_usable"):
            v = getattr(self, name)
            if not 0 < v <= 1:
                raise InputsError(f"{{{name}}} must be above 0 and at most 1 (100 %), got {v:g}")

    @classmethod
    def assumed(cls, assumed: Mapping[str, float], f_mass: Optional[float] = None, f_volume: Optional[float] = None,
                f_usable: Optional[float] = None) -> PackOptions:
        """The fractions given, and for the others the values of ``assumed`` (by assumption id:
        ``cell-to-pack-mass``, ``cell-to-pack-volume``, ``usable-fraction``; see
        :class:`batcalc.physics.bands.Assumed`), read only for the fractions not given."""
        def read(given: Optional[float], id: str) -> float:
            if given is not None:
                return given
            v = assumed[id]
            if not 0 < v <= 1:          # named as assumed (``--assume``), not as the fraction's own input
                raise BatcalcError(f"{id} must be above 0 % and at most 100 % for a pack, got {v * 100:g} %")
            return v
        return cls(read(f_mass, "cell-to-pack-mass"), read(f_volume, "cell-to-pack-volume"),
                   read(f_usable, "usable-fraction"))

    def assumptions(self) -> list[str]:
        """The fractions as stated assumptions, for report notes (display text)."""
        return [f"cell-to-pack mass fraction {self.f_mass:.2f} (cell mass / pack mass; module packs ~0.70, "
                f"cell-to-pack 0.80-0.90)",
                f"usable energy {self.f_usable * 100:.0f} % of nominal (BEVs use ~90-95 %)",
                f"cell-to-pack volume fraction {self.f_volume:.2f} (cell volume / pack volume; ~0.40-0.75)"]


@dataclass(frozen=True)
class Pack:
    """A pack built from one cell type (SI: J, kg, m^3, J/kg, J/m^3, V, A*s)."""

    cell_id: str
    energy: float                       # gross (nominal), J
    mass: float                         # kg
    options: PackOptions
    volume: Optional[float] = None      # m^3, when the cell's volumetric density is known
    voltage: Optional[float] = None     # V, for series x parallel packs
    capacity: Optional[float] = None    # A*s, for series x parallel packs
    cells: Optional[int] = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        """Refuse a pack heavier than :data:`MAX_PACK_MASS`, or whose energy, volume, voltage or capacity
        is not finite or beyond the magnitude limit in SI (:func:`batcalc.units.check_result`)."""
        if not self.mass <= MAX_PACK_MASS:
            raise error_in_systems(lambda system: f"a {shown_text(self.mass, 'mass', system, fmt='.4g')} pack of "
                                   f"{self.cell_id} is heavier than any road vehicle (at most "
                                   f"{shown_text(MAX_PACK_MASS, 'mass', system, fmt='.4g')}): a typo in the pack mass "
                                   f"or energy?")
        for name, unit in (("energy", "J"), ("mass", "kg"), ("volume", "m^3"), ("voltage", "V"),
                           ("capacity", "A s")):
            value = getattr(self, name)
            if value is not None:
                check_result(value, f"the {self.cell_id} pack's {name}", unit)

    @property
    def usable_energy(self) -> float:
        """``E_usable = E_pack * f_usable``, J (:func:`~batcalc.physics.energy.usable_energy`)."""
        return usable_energy(self.energy, self.options.f_usable)

    @property
    def gravimetric(self) -> float:
        """Pack-level J/kg."""
        return self.energy / self.mass

    @property
    def volumetric(self) -> Optional[float]:
        """Pack-level J/m^3, when the volume is known."""
        return None if self.volume is None else self.energy / self.volume


def cell_density(cell: CellFigures, options: PackOptions) -> tuple[float, PackOptions, tuple[str, ...]]:
    """The cell's gravimetric density (J/kg) and the options to use with it.

    A spec whose figures are already pack level is used with ``f_mass = 1`` (and ``f_volume = 1``).
    """
    rho = cell.get("gravimetric")
    if rho is None:
        raise BatcalcError(f"{cell.id} gives no gravimetric energy density (Wh/kg) and none can be derived "
                           f"(needs energy and mass), so a pack of it has no mass: use a cell spec that gives "
                           f"energy_density.gravimetric, or energy and mass (docs/spec-format.md)")
    if cell.level == "pack":
        return rho, replace(options, f_mass=1.0, f_volume=1.0), (
            f"{cell.id}'s density is pack level: used as is (no cell-to-pack fraction)",)
    return rho, options, ()


def check_fractions_apply(cells: list[CellFigures], f_mass_given: bool, f_volume_given: bool = False) -> None:
    """Refuse a cell-to-pack mass or volume fraction given for a run whose every cell is pack level
    (:func:`cell_density` uses their figures as they are, with fractions of 1): the fraction would be
    dropped without a word. One rule for the command line and the Python API."""
    if not cells or any(c.level != "pack" for c in cells):
        return
    ids = list(dict.fromkeys(c.id for c in cells))
    whose = " and ".join(f"{i}'s" for i in ids)
    what = "density is" if len(ids) == 1 else "densities are"
    for given, name in ((f_mass_given, "f_mass"), (f_volume_given, "f_volume")):
        if given:
            raise InputsError(f"{{{name}}} does not apply: {whose} {what} pack level, used as given "
                              f"(no cell-to-pack fraction)")


def _pack_density(cell: CellFigures, options: PackOptions) -> tuple[float, PackOptions, tuple[str, ...]]:
    """Pack-level gravimetric density, J/kg, ``rho_pack = rho_cell * f_mass`` (``f_mass = 1`` for
    pack-level figures), with the options and notes of :func:`cell_density`."""
    rho, opts, notes = cell_density(cell, options)
    return rho * opts.f_mass, opts, notes


def pack_density(cell: CellFigures, options: PackOptions = PackOptions()) -> float:
    """Pack-level gravimetric density, J/kg: ``rho_pack = rho_cell * f_mass``."""
    return _pack_density(cell, options)[0]


def _volume(cell: CellFigures, energy: float, opts: PackOptions) -> Optional[float]:
    """Pack volume, m^3, when the cell's volumetric density is known: ``V = E / rho_vol / f_volume``."""
    rho_v = cell.get("volumetric")
    return None if rho_v is None else energy / rho_v / opts.f_volume


def check_pack_mass(mass: float) -> None:
    """Refuse a pack mass, kg, that is not positive (or not a number): a pack of no mass holds no energy."""
    if not mass > 0:
        raise BatcalcError("pack mass must be positive")


def pack_from_mass(cell: CellFigures, mass: float, options: PackOptions = PackOptions()) -> Pack:
    """Pack of total mass ``mass`` kg: ``E = m * rho_pack`` J, ``rho_pack = rho_cell * f_mass``."""
    check_pack_mass(mass)
    rho_pack, opts, notes = _pack_density(cell, options)
    energy = mass * rho_pack
    return Pack(cell.id, energy, mass, opts, _volume(cell, energy, opts), notes=notes)


def check_pack_energy(energy: float) -> None:
    """Refuse a gross pack energy, J, that is not positive (or not a number): a pack of no energy has no range."""
    if not energy > 0:                  # NaN too
        raise BatcalcError("pack energy must be positive")


def pack_from_energy(cell: CellFigures, energy: float, options: PackOptions = PackOptions()) -> Pack:
    """Pack of gross energy ``energy`` J: ``m = E / rho_pack`` kg, ``rho_pack = rho_cell * f_mass``."""
    check_pack_energy(energy)
    rho_pack, opts, notes = _pack_density(cell, options)
    return Pack(cell.id, energy, energy / rho_pack, opts, _volume(cell, energy, opts), notes=notes)


def pack_from_layout(cell: CellFigures, series: int, parallel: int, options: PackOptions = PackOptions()) -> Pack:
    """Pack of ``series`` x ``parallel`` cells: ``E = s p E_cell``, ``U = s U_cell``, ``Q = p Q_cell``,
    ``m = s p m_cell / f_mass``; the counts are whole numbers (``96.0`` is 96)."""
    if any(isinstance(x, bool) or not float(x).is_integer() for x in (series, parallel)):
        raise BatcalcError(f"series and parallel counts must be whole numbers, got {series!r} x {parallel!r}")
    series, parallel = int(series), int(parallel)
    if series < 1 or parallel < 1:
        raise BatcalcError("series and parallel counts must be at least 1")
    figures = {k: cell.get(k) for k in ("energy", "mass", "nominal_voltage", "capacity")}
    missing = [k for k, x in figures.items() if x is None]
    if missing:
        raise BatcalcError(f"{cell.id} lacks {', '.join(missing)}: a series x parallel pack needs the cell's "
                           f"energy, mass, voltage and capacity")
    if cell.level == "pack":
        raise BatcalcError(f"{cell.id} describes a pack, not a cell")
    e_cell, m_cell, u_cell, q_cell = (float(x) for x in figures.values() if x is not None)
    n = series * parallel
    energy = n * e_cell
    v_cell = cell.get("volume")
    volume = n * v_cell / options.f_volume if v_cell else None
    return Pack(cell.id, energy, n * m_cell / options.f_mass, options, volume,
                series * u_cell, parallel * q_cell, n)
