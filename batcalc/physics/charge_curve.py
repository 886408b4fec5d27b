"""Charge curves: charging power against state of charge, and the time, energy and power of a window.

The power into the battery at a state of charge ``s`` (0..1) is the least of three limits:

    P(s) = min(P_charger,                      the charger's power rating (at its DC output)
               I_charger * V_pack(s),          its current rating at the pack's voltage
               C_peak * share(s) * E_pack * V_pack(s) / V_nominal)   the cell's C-rate limit

``share(s)`` is the taper: the cell's allowed C-rate as a share of its peak (a table against SoC,
piecewise constant or piecewise linear). ``C_peak * E_pack`` is power at the nominal voltage; the
voltage ratio turns it into ``C * Q * V(s)``. A limit that is not known is left out (``None``).

Time over a window is ``t = integral E_pack ds / P(s)``. It is computed once per curve on a fixed
SoC grid (every table breakpoint on it, cells of at most ``1/2000`` SoC, power taken at each cell's
middle): ``T(s)`` cumulative seconds, linear between grid points. So time is additive over adjacent
windows exactly, a flat curve gives ``dSoC E / P`` to rounding, and a higher limit never gives a
longer time. Everything in SI: fractions, J, W, A, V, s; C-rates in 1/s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import numpy as np
import numpy.typing as npt

from batcalc.errors import BatcalcError
from batcalc.physics.charge import charge_energy, charger_limits_at

FloatArray = npt.NDArray[np.float64]

#: Grid cells per unit of SoC (at most 1/2000 SoC wide).
RESOLUTION = 2000
#: The narrowest SoC window computed (narrower ones are rounding, not a charge).
MIN_WINDOW = 1e-6
#: The limits a charge can meet, in the order reported.
LIMITS = ("charger power", "charger current", "battery")


@dataclass(frozen=True)
class Table:
    """A function of SoC given as a table: ``soc`` rising from 0 to 1, ``value`` at each point.

    ``step``: piecewise constant, ``value[i]`` from ``soc[i]`` up to ``soc[i + 1]``; else piecewise
    linear between points. Values below the first point take the first value.
    """

    soc: tuple[float, ...]
    value: tuple[float, ...]
    step: bool = False

    def __post_init__(self) -> None:
        if len(self.soc) != len(self.value) or not self.soc:
            raise BatcalcError("a SoC table needs as many values as SoC points, at least one")
        if any(not 0 <= s <= 1 for s in self.soc) or any(b <= a for a, b in zip(self.soc, self.soc[1:], strict=False)):
            raise BatcalcError("SoC points of a table must rise strictly, within 0-100 %")
        if any(not (np.isfinite(v) and v >= 0) for v in self.value):
            raise BatcalcError("values of a SoC table must be finite and not negative")

    def at(self, s: FloatArray) -> FloatArray:
        """The table's value at each SoC in ``s``."""
        soc, value = np.asarray(self.soc), np.asarray(self.value)
        if self.step:
            i = np.searchsorted(soc, s, side="right") - 1
            return np.asarray(value[np.clip(i, 0, len(value) - 1)], dtype=np.float64)
        return np.asarray(np.interp(s, soc, value), dtype=np.float64)


def flat(value: float) -> Table:
    """A table with the same value at every SoC."""
    return Table((0.0,), (value,), step=True)


@dataclass(frozen=True)
class ChargeLimits:
    """What limits charging a pack: the pack, its cells' C-rate and taper, and the charger (SI)."""

    pack_energy: float                         # J, gross
    nominal_voltage: float                     # V, the pack's nominal voltage
    voltage: Optional[Table] = None            # V against SoC; None: nominal throughout
    peak_c_rate: Optional[float] = None        # 1/s, the cells' peak charge C-rate; None: unknown
    taper: Table = field(default_factory=lambda: flat(1.0))   # share of the peak C-rate against SoC
    charger_power: Optional[float] = None      # W at the charger's DC output; None: no limit
    charger_current: Optional[float] = None    # A; None: no limit
    charger_voltage: Optional[float] = None    # V, the highest the charger delivers

    def __post_init__(self) -> None:
        if not (np.isfinite(self.pack_energy) and self.pack_energy > 0):
            raise BatcalcError("pack energy must be positive")
        if not (np.isfinite(self.nominal_voltage) and self.nominal_voltage > 0):
            raise BatcalcError("pack voltage must be positive")
        for name in ("peak_c_rate", "charger_power", "charger_current", "charger_voltage"):
            v = getattr(self, name)
            if v is not None and not (np.isfinite(v) and v > 0):
                raise BatcalcError(f"{name.replace('_', ' ')} must be positive")
        if self.peak_c_rate is None and self.charger_power is None and self.charger_current is None:
            raise BatcalcError("nothing limits this charge: give the cell's C-rate or a charger")


@dataclass(frozen=True)
class WindowResult:
    """A charge from ``from_soc`` to ``to_soc`` along a curve (SI: s, W, J)."""

    from_soc: float
    to_soc: float
    time: float                                # s
    energy: float                              # J into the battery: dSoC * E_pack
    average_power: float                       # W at the battery
    peak_power: float                          # W at the battery
    peak_soc: float                            # where the peak is reached
    limited_by: dict[str, float]               # share of the time each limit decides
    limit_spans: tuple[tuple[str, float, float], ...]   # (limit, from SoC, to SoC), in order

    @property
    def decided_by(self) -> str:
        """The limit that decides most of the time."""
        return max(self.limited_by, key=lambda k: self.limited_by[k])


class ChargeCurve:
    """Charging power against SoC for :class:`ChargeLimits`, with time, energy and power of windows."""

    def __init__(self, limits: ChargeLimits) -> None:
        self.limits = limits
        points = {0.0, 1.0} | set(limits.taper.soc) | (set(limits.voltage.soc) if limits.voltage else set())
        grid = np.union1d(np.linspace(0.0, 1.0, RESOLUTION + 1), np.array(sorted(points)))
        mids = (grid[:-1] + grid[1:]) / 2
        power, which = self._power(mids)
        dead = power <= 0
        #: the SoC a charge cannot pass: where the power first falls to zero (a taper or curve at 0 from
        #: there, 'no charging above 95 %'); 1 when it never does
        self.stop = 1.0
        if np.any(dead):
            k = int(np.argmax(dead))
            if k == 0:
                raise BatcalcError("charging power is zero at 0.0 % SoC: the taper or a limit is 0 there")
            self.stop = float(grid[k])
        self.grid, self.mids, self.power, self.which = grid, mids, power, which
        seconds = np.full(len(power), np.inf)        # a cell without power is never crossed
        seconds[~dead] = limits.pack_energy * np.diff(grid)[~dead] / power[~dead]
        #: T(s), cumulative seconds from 0 % SoC at each grid point (inf from :attr:`stop` on)
        self.elapsed = np.concatenate([[0.0], np.cumsum(seconds)])

    def voltage_at(self, s: FloatArray) -> FloatArray:
        """Pack voltage, V, at each SoC in ``s``."""
        lim = self.limits
        if lim.voltage is None:
            return np.full_like(s, lim.nominal_voltage, dtype=np.float64)
        return lim.voltage.at(s)

    def _power(self, s: FloatArray) -> tuple[FloatArray, npt.NDArray[np.int64]]:
        """Power limit, W, at each SoC in ``s`` and which limit it is (an index into :data:`LIMITS`)."""
        lim = self.limits
        v = self.voltage_at(s)
        if lim.charger_voltage is not None and np.any(v > lim.charger_voltage * (1 + 1e-9)):
            raise BatcalcError(f"the pack reaches {float(v.max()):.0f} V, above the charger's "
                               f"{lim.charger_voltage:.0f} V")
        candidates = np.full((3, len(s)), np.inf)
        candidates[0], candidates[1] = charger_limits_at(lim.charger_power, lim.charger_current, v)
        if lim.peak_c_rate is not None:
            candidates[2] = lim.peak_c_rate * lim.taper.at(s) * lim.pack_energy * v / lim.nominal_voltage
        which = np.argmin(candidates, axis=0)
        return candidates[which, np.arange(len(s))], which

    def power_at(self, s: FloatArray) -> FloatArray:
        """Charging power at the battery, W, at each SoC in ``s`` (the least of the limits)."""
        return self._power(np.asarray(s, dtype=np.float64))[0]

    def _check_reached(self, to_soc: float) -> None:
        """Refuse a charge to ``to_soc`` beyond :attr:`stop`, where the power is zero."""
        if to_soc > self.stop:
            raise BatcalcError(f"charging power is zero from {self.stop * 100:.1f} % SoC (the taper or a limit is 0 "
                               f"there): this charge reaches {self.stop * 100:.1f} % at most")

    def time(self, from_soc: float, to_soc: float) -> float:
        """Seconds to charge from ``from_soc`` to ``to_soc``: ``T(to) - T(from)``; refused beyond :attr:`stop`."""
        _check_window(from_soc, to_soc)
        self._check_reached(to_soc)
        t = np.interp([from_soc, to_soc], self.grid, self.elapsed)
        return float(t[1] - t[0])

    def soc_after(self, from_soc: float, seconds: float) -> float:
        """The SoC reached after charging ``seconds`` from ``from_soc`` (at most 100 %, or :attr:`stop`, where the
        power falls to zero: a start there or above it stays where it is)."""
        if not 0 <= from_soc <= 1:
            raise BatcalcError("start SoC must be within 0-100 %")
        if seconds < 0:
            raise BatcalcError("charge time must not be negative")
        if from_soc >= self.stop:
            return from_soc
        reach = int(np.searchsorted(self.grid, self.stop)) + 1      # the grid up to the stop: T finite
        grid, elapsed = self.grid[:reach], self.elapsed[:reach]
        start = float(np.interp(from_soc, grid, elapsed))
        return float(np.interp(start + seconds, elapsed, grid))

    def window(self, from_soc: float, to_soc: float) -> WindowResult:
        """Time, energy, average and peak power of a charge window, and which limit decides where; refused
        beyond :attr:`stop`."""
        _check_window(from_soc, to_soc)
        self._check_reached(to_soc)
        energy = charge_energy(from_soc, to_soc, self.limits.pack_energy)
        inside = (self.grid[1:] > from_soc) & (self.grid[:-1] < to_soc)
        lo = np.maximum(self.grid[:-1][inside], from_soc)
        hi = np.minimum(self.grid[1:][inside], to_soc)
        power, which = self.power[inside], self.which[inside]
        seconds = self.limits.pack_energy * (hi - lo) / power
        t = float(seconds.sum())                 # = time(from_soc, to_soc) to rounding
        shares = {name: float(seconds[which == i].sum() / t) for i, name in enumerate(LIMITS) if np.any(which == i)}
        spans: list[tuple[str, float, float]] = []
        for w, a, b in zip(which, lo, hi, strict=True):
            name = LIMITS[int(w)]
            if spans and spans[-1][0] == name:
                spans[-1] = (name, spans[-1][1], float(b))
            else:
                spans.append((name, float(a), float(b)))
        k = int(np.argmax(power))
        return WindowResult(from_soc, to_soc, t, energy, energy / t, float(power[k]), float((lo[k] + hi[k]) / 2),
                            shares, tuple(spans))

    def added_in(self, from_soc: float, seconds: float, to_soc: float = 1.0) -> float:
        """SoC added in ``seconds`` from ``from_soc``, stopping at ``to_soc``."""
        return min(self.soc_after(from_soc, seconds), to_soc) - from_soc


def _check_window(from_soc: float, to_soc: float) -> None:
    if not (0 <= from_soc <= 1 and 0 <= to_soc <= 1):
        raise BatcalcError("SoC must be within 0-100 %")
    if not to_soc - from_soc >= MIN_WINDOW:
        raise BatcalcError(f"the window must rise by at least {MIN_WINDOW * 100:g} %: "
                           f"{from_soc * 100:g} % -> {to_soc * 100:g} %")


def peak_c_rate_for(taper: Table, from_soc: float, to_soc: float, seconds: float) -> float:
    """The peak C-rate, 1/s, a cell with ``taper`` needs to charge the window in ``seconds`` when the
    cell alone limits (constant voltage): ``C_peak = integral ds / share(s) / t``."""
    _check_window(from_soc, to_soc)
    if not seconds > 0:
        raise BatcalcError("charge time must be positive")
    return _unit_curve(taper).time(from_soc, to_soc) / seconds


def taper_stop(taper: Table) -> float:
    """The SoC, 0..1, from which ``taper`` is 0 (:attr:`ChargeCurve.stop`: no peak C-rate charges past it);
    1 when it never falls to 0."""
    return _unit_curve(taper).stop


def _unit_curve(taper: Table) -> ChargeCurve:
    """The curve of ``taper`` at a peak of 1/s into a pack of 1 J (the cell alone limiting)."""
    return ChargeCurve(ChargeLimits(pack_energy=1.0, nominal_voltage=1.0, peak_c_rate=1.0, taper=taper))



# ----------------------------------------------------------------------- default tapers (specs/tapers.yaml)

@dataclass(frozen=True)
class Taper:
    """A sourced default taper: the share of the cells' peak C-rate against SoC."""

    id: str
    name: str
    table: Table
    source: Optional[str]                 # id of the source in specs/tapers.yaml
    assumption: Optional[str]             # set when the curve is the project's choice, with the reason
    note: Optional[str] = None

    @property
    def grade(self) -> str:
        """``assumption`` when the project chose the curve, else the grade of its source (reference)."""
        return "assumption" if self.assumption else "reference"


@lru_cache(maxsize=1)
def _tapers() -> tuple[dict[str, Taper], dict[str, str]]:
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec
    from batcalc.spec.tapers import TapersFile  # noqa: F401  (registers kind: tapers)

    spec = load_spec(specs_root() / "tapers.yaml", expect="tapers", require_sources=True)
    by_id = {t.id: Taper(t.id, t.name, Table(tuple(p.soc.si for p in t.points), tuple(p.share.si for p in t.points),
                                             step=t.shape == "step"), t.source, t.assumption, t.note)
             for t in spec.tapers}
    family = {f: t.id for t in spec.tapers for f in t.families}
    return by_id, family


def taper(taper_id: str) -> Taper:
    """The taper ``taper_id`` of ``specs/tapers.yaml``."""
    by_id, _ = _tapers()
    if taper_id not in by_id:
        raise BatcalcError(f"no taper {taper_id!r}; known: {', '.join(sorted(by_id))}")
    return by_id[taper_id]


def family_of(chemistry: Optional[str]) -> str:
    """The charge family of a cell's free-text chemistry: ``lfp`` (LFP, LiFePO4), ``solid-state`` (solid-state
    and semi-solid electrolytes), ``silicon`` (a silicon anode; "no silicon" does not count), else ``nmc``
    (nickel-based cathodes, the common case)."""
    text = (chemistry or "").lower()
    if re.search(r"\blfp\b|lifepo|iron phosphate", text):
        return "lfp"
    if "solid" in text:
        return "solid-state"
    if re.search(r"(?<!no )silicon", text):
        return "silicon"
    return "nmc"


def default_taper(chemistry: Optional[str]) -> Taper:
    """The default taper for a cell of ``chemistry`` (free text, see :func:`family_of`)."""
    _, family = _tapers()
    return taper(family[family_of(chemistry)])
