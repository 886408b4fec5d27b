"""Cells in the Python API: :func:`load_cell` and :func:`compare`, figures as pint Quantities.

The figures and ratios are computed by :mod:`batcalc.physics.cells` and :mod:`batcalc.physics.compare`
(SI floats); this module only names them and gives them units.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Optional, Union

from batcalc.api.quantities import as_quantity
from batcalc.physics.cells import CellFigures


@dataclass(frozen=True, repr=False)
class Cell:
    """A cell (or pack-level) spec with every figure it gives or implies.

    ``figures``: figure key (``nominal_voltage``, ``capacity``, ``energy``, ``mass``, ``volume``,
    ``gravimetric``, ``volumetric``, ``max_c_rate``, ``cycles``, ``retention``) -> Quantity in a
    metric display unit (V, Ah, Wh, kg, L, Wh/kg, Wh/L, 1/h), or a float for the cycle count and the
    retention fraction; ``raw``: the :class:`~batcalc.physics.cells.CellFigures` (SI).
    """

    raw: CellFigures

    @property
    def id(self) -> str:
        """The spec's id."""
        return self.raw.id

    @property
    def name(self) -> str:
        """The spec's name."""
        return str(self.raw.spec.name)

    @property
    def level(self) -> str:
        """``cell`` or ``pack``: the level the energy densities describe."""
        return self.raw.level

    @property
    def figures(self) -> dict[str, Any]:
        """Every figure given or derived, as Quantities (floats for counts and fractions)."""
        return {k: as_quantity(f.si, f.dim) for k, f in self.raw.figures.items()}

    @property
    def gravimetric(self) -> Any:
        """Gravimetric energy density, Wh/kg (None when neither given nor derivable)."""
        return as_quantity(self.raw.get("gravimetric"), "specific_energy")

    @property
    def volumetric(self) -> Any:
        """Volumetric energy density, Wh/L (None when neither given nor derivable)."""
        return as_quantity(self.raw.get("volumetric"), "energy_density")

    @property
    def warnings(self) -> list[str]:
        """Figures given twice that disagree by more than 3 %."""
        return list(self.raw.warnings)

    def __repr__(self) -> str:
        g = self.raw.get("gravimetric")
        return f"<Cell {self.id}: " + (f"{g / 3600:.4g} Wh/kg ({self.level} level)>" if g else "no Wh/kg>")


CellLike = Union[Cell, CellFigures, str, "os.PathLike[str]"]


def figures_of(cell: Any, name: str = "cell") -> CellFigures:
    """The :class:`~batcalc.physics.cells.CellFigures` of an API cell argument: a :class:`Cell`, a
    ``CellFigures``, or a catalogue id or spec path (loaded)."""
    if isinstance(cell, Cell):
        return cell.raw
    if isinstance(cell, CellFigures):
        return cell
    if isinstance(cell, (str, os.PathLike)):
        from batcalc.physics.cells import load_cell as load

        return load(os.fspath(cell))
    raise TypeError(f"{name} needs a cell: a catalogue id, a spec path or batcalc.load_cell(...), "
                    f"got {type(cell).__name__}")


def load_cell(name: Union[str, "os.PathLike[str]"]) -> Cell:
    """A cell by catalogue id (``'gac-aion-ssb-350'``) or path of a YAML spec file; a missing or invalid
    spec raises :class:`~batcalc.errors.BatcalcError` with a one-line message."""
    return Cell(figures_of(name, "name"))


@dataclass(frozen=True, repr=False)
class Comparison:
    """Cell ``b`` against cell ``a``: the ratios b / a as floats (None where undefined, with the reason
    in ``why_missing``) and both cells' energy densities as Quantities in ``densities``.

    ``energy_at_same_mass = rho_grav_b / rho_grav_a``; ``mass_at_same_energy = rho_grav_a / rho_grav_b``;
    the same with volumetric densities for volume (:mod:`batcalc.physics.compare`).
    """

    a: Cell
    b: Cell
    energy_at_same_mass: Optional[float]
    mass_at_same_energy: Optional[float]
    energy_at_same_volume: Optional[float]
    volume_at_same_energy: Optional[float]
    why_missing: dict[str, str]

    @property
    def densities(self) -> dict[str, tuple[Any, Any]]:
        """``{'gravimetric': (a's, b's), 'volumetric': (a's, b's)}`` in Wh/kg and Wh/L (None where unknown)."""
        return {"gravimetric": (self.a.gravimetric, self.b.gravimetric),
                "volumetric": (self.a.volumetric, self.b.volumetric)}

    def __repr__(self) -> str:
        r = self.energy_at_same_mass
        return f"<Comparison {self.b.id} / {self.a.id}: energy at the same mass " + (
            f"x{r:.4g}>" if r is not None else "n/a>")


def compare(a: CellLike, b: CellLike) -> Comparison:
    """Compare cell ``b`` with cell ``a`` (each a :class:`Cell`, a catalogue id or a spec path)."""
    from batcalc.physics.compare import TRADEOFFS

    fa, fb = figures_of(a, "a"), figures_of(b, "b")
    ratios = {key: fn(fa, fb) for key, _label, fn in TRADEOFFS}
    return Comparison(Cell(fa), Cell(fb), energy_at_same_mass=ratios["energy_at_same_mass"].value,
                      mass_at_same_energy=ratios["mass_at_same_energy"].value,
                      energy_at_same_volume=ratios["energy_at_same_volume"].value,
                      volume_at_same_energy=ratios["volume_at_same_energy"].value,
                      why_missing={k: r.why_missing for k, r in ratios.items() if r.why_missing})
