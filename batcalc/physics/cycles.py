"""Standard drive cycles (1 Hz speed traces shipped in ``specs/cycles/``) and constant-speed driving.

Traces: WLTC class 3b (UN GTR No. 15), EPA UDDS (40 CFR 86 App. I), EPA HWFET (40 CFR 600 App. I);
provenance in ``specs/cycles/cycles.yaml`` and in each CSV's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from batcalc.errors import BatcalcError, NotFoundError, SpecError

#: Names people use for a cycle -> the trace id.
ALIASES = {"wltp": "wltc-3b", "wltc": "wltc-3b", "wltc3b": "wltc-3b", "wltc-3b": "wltc-3b",
           "udds": "udds", "ftp72": "udds", "ftp-72": "udds", "city": "udds",
           "hwfet": "hwfet", "hfet": "hwfet", "highway": "hwfet"}

#: Short names for tables and titles (full names and provenance are in the CSV headers).
SHORT_NAMES = {"wltc-3b": "WLTC class 3b", "udds": "EPA UDDS", "hwfet": "EPA HWFET"}

_CONSTANT_RE = re.compile(r"^\s*(?:const(?:ant)?[:=@ ]\s*)?(?P<v>.+?(?:km/h|mph|m/s|kph))\s*$")


@dataclass(frozen=True)
class Cycle:
    """A speed trace: ``time`` (s) and ``speed`` (m/s) numpy arrays at 1 Hz, or a constant speed."""

    id: str
    name: str
    time: object            # numpy array, s
    speed: object           # numpy array, m/s
    constant_speed: float | None = None

    @property
    def duration(self) -> float:
        """Last timestamp, s (the official duration counts from t = 0)."""
        return float(self.time[-1] - self.time[0]) if self.constant_speed is None else 3600.0

    @property
    def distance(self) -> float:
        """Distance driven, m: trapezoid integration of speed over time."""
        import numpy as np

        if self.constant_speed is not None:
            return self.constant_speed * 3600.0
        return float(np.sum((self.speed[1:] + self.speed[:-1]) / 2 * np.diff(self.time)))


def cycles_dir():
    from batcalc.spec.catalog import specs_root

    return specs_root() / "cycles"


def cycle_ids() -> list[str]:
    """Ids of the shipped traces."""
    return sorted(p.stem for p in cycles_dir().glob("*.csv"))


@lru_cache(maxsize=16)
def load_trace(cycle_id: str) -> Cycle:
    """Read ``specs/cycles/<id>.csv`` (``time_s,speed_kmh`` after ``#`` comment lines)."""
    import numpy as np

    path = cycles_dir() / f"{cycle_id}.csv"
    name = cycle_id
    times, speeds = [], []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.startswith("# name:"):
                name = line.split(":", 1)[1].strip()
            if line.startswith("#") or line.startswith("time_s") or not line.strip():
                continue
            try:
                t, v = line.split(",")
                times.append(float(t))
                speeds.append(float(v) / 3.6)
            except ValueError:
                raise SpecError("expected 'time_s,speed_kmh'", str(path), lineno, 1) from None
    return Cycle(cycle_id, SHORT_NAMES.get(cycle_id, name), np.array(times), np.array(speeds))


def get_cycle(name: str) -> Cycle:
    """A cycle by id or alias (``wltp``, ``udds``, ``hwfet``) or a constant speed (``120 km/h``)."""
    key = name.strip().lower()
    if key in ALIASES:
        return load_trace(ALIASES[key])
    m = _CONSTANT_RE.match(name)
    if m:
        from batcalc.units import parse_value

        v = parse_value(m.group("v"), "speed").si       # km/h, mph, m/s from the unit table: no pint
        if not 0 < v <= 200:
            raise BatcalcError(f"constant speed {m.group('v')!r} must be above 0 and at most 720 km/h")
        import numpy as np

        return Cycle(f"constant {m.group('v').strip()}", f"constant {m.group('v').strip()}",
                     np.array([0.0, 3600.0]), np.array([v, v]), constant_speed=v)
    raise NotFoundError(f"unknown cycle {name!r}: use wltp (WLTC class 3b), udds, hwfet, or a constant speed "
                        f"such as '100 km/h'")
