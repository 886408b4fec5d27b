"""Standard drive cycles (1 Hz speed traces shipped in ``specs/cycles/``) and constant-speed driving.

Traces: WLTC class 3b (UN GTR No. 15), EPA UDDS (40 CFR 86 App. I), EPA HWFET (40 CFR 600 App. I),
EPA US06 and SC03 (40 CFR 86 App. I), CLTC-P (GB/T 38146.1-2019), NEDC (UN ECE R83 Annex 4a);
provenance in ``specs/cycles/cycles.yaml`` and in each CSV's header. One reader, :func:`load_user_trace`,
reads them and a user's own trace in the same format (``--cycle my-trace.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from batcalc.errors import NotFoundError, SpecError

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    from numpy.typing import NDArray

#: Names people use for a cycle -> the trace id.
ALIASES = {"wltp": "wltc-3b", "wltc": "wltc-3b", "wltc3b": "wltc-3b", "wltc-3b": "wltc-3b",
           "udds": "udds", "ftp72": "udds", "ftp-72": "udds", "city": "udds",
           "hwfet": "hwfet", "hfet": "hwfet", "highway": "hwfet",
           "us06": "us06", "sftp-us06": "us06",
           "sc03": "sc03", "sftp-sc03": "sc03",
           "cltc": "cltc-p", "cltc-p": "cltc-p", "cltcp": "cltc-p",
           "nedc": "nedc"}

#: Short names for tables and titles (full names and provenance are in the CSV headers).
SHORT_NAMES = {"wltc-3b": "WLTC class 3b", "udds": "EPA UDDS", "hwfet": "EPA HWFET", "us06": "EPA US06",
               "sc03": "EPA SC03", "cltc-p": "CLTC-P", "nedc": "NEDC"}

#: Bounds on a user's own trace (``--cycle FILE.csv``): file size, rows, and speed (the constant-speed
#: bound, 720 km/h). 200 000 rows is 55 h at 1 Hz. Times within +-10^7 s (116 days): a time near the
#: float limit (1e308 s) overflowed the distance and the road-load sums to inf.
USER_TRACE_MAX_BYTES = 8_000_000
USER_TRACE_MAX_ROWS = 200_000
USER_TRACE_MAX_SPEED_KMH = 720.0
USER_TRACE_MAX_SECONDS = 1e7

_CONSTANT_PREFIX = r"^\s*(?:const(?:ant)?[:=@ ]\s*)?"
_CONSTANT_RE = re.compile(_CONSTANT_PREFIX + r"(?P<v>.+?(?:km/h|mph|m/s|kph))\s*$")
#: A constant speed written with another unit of speed ('60 mi/h', '100 km/hr'): the same prefix, any value.
_CONSTANT_ANY_RE = re.compile(_CONSTANT_PREFIX + r"(?P<v>[+-]?\.?[0-9].*?)\s*$")


@dataclass(frozen=True)
class Cycle:
    """A speed trace: ``time`` (s) and ``speed`` (m/s) numpy arrays at 1 Hz, or a constant speed."""

    id: str
    name: str
    time: NDArray[np.float64]            # s
    speed: NDArray[np.float64]           # m/s
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

    @property
    def mean_speed(self) -> float:
        """Mean speed, m/s: distance / duration."""
        return self.distance / self.duration


def cycles_dir() -> Path:
    """The folder of the shipped traces, ``specs/cycles``."""
    from batcalc.spec.catalog import specs_root

    return specs_root() / "cycles"


def cycle_ids() -> list[str]:
    """Ids of the shipped traces."""
    return list(_cycle_ids(cycles_dir()))


@lru_cache(maxsize=1)
def cycle_id_set() -> frozenset[str]:
    """The ids of :func:`cycle_ids` as a set, built once per process (a membership test per file)."""
    return frozenset(_cycle_ids(cycles_dir()))


@lru_cache(maxsize=4)
def _cycle_ids(folder: Path) -> tuple[str, ...]:
    """The ``*.csv`` stems of the traces folder, listed once per process."""
    return tuple(sorted(p.stem for p in folder.glob("*.csv")))


@lru_cache(maxsize=16)
def load_trace(cycle_id: str) -> Cycle:
    """The shipped trace ``specs/cycles/<id>.csv``, read by :func:`load_user_trace` (the one reader of
    trace files, with all its checks), under its id and short name."""
    trace = load_user_trace(str(cycles_dir() / f"{cycle_id}.csv"))
    return Cycle(cycle_id, SHORT_NAMES.get(cycle_id, trace.name), trace.time, trace.speed)


def get_cycle(name: str) -> Cycle:
    """A cycle by id or alias (``wltp``, ``udds``, ``hwfet``, ``us06``, ``sc03``, ``cltc``, ``nedc``), a user's
    trace file (``my-trace.csv``, see :func:`load_user_trace`) or a constant speed (``120 km/h``)."""
    key = name.strip().lower()
    if key in ALIASES:
        return load_trace(ALIASES[key])
    if key.endswith(".csv"):
        return load_user_trace(name.strip())
    if _CONSTANT_RE.match(name) or _a_speed(name):
        return _constant_cycle(name)
    import os

    from batcalc.units import error_in_systems, shown_text

    if key == "-":                                            # '-' is standard input for spec files only
        raise NotFoundError("unknown cycle '-': a trace is not read from standard input; save it as a file whose "
                            "name ends in .csv (time_s,speed_kmh rows) and give that name")
    if os.path.isfile(os.path.expanduser(name.strip())):     # 'trace.txt': a file, but traces are named *.csv
        from batcalc.errors import printable

        raise NotFoundError(f"unknown cycle '{printable(name.strip(), 200)}': a trace file of your own is read "
                            f"when its name ends in .csv (time_s,speed_kmh rows): rename it")
    raise error_in_systems(lambda system: f"unknown cycle {name!r}: use wltp (WLTC class 3b), udds, hwfet, us06, sc03, "
                           f"cltc (CLTC-P), nedc, a trace file such as 'my-trace.csv', or a constant speed such as "
                           f"'{shown_text(100 / 3.6, 'speed', system, fmt='.0f')}'", NotFoundError)


def _a_speed(name: str) -> bool:
    """Whether ``name`` is a speed written with a unit the common pattern does not list ('60 mi/h'), read
    by :func:`batcalc.units.parse_value` (a name that is no speed, '10-mode', is not)."""
    from batcalc.errors import UnitError
    from batcalc.units import parse_value

    m = _CONSTANT_ANY_RE.match(name)
    if m is None:
        return False
    try:
        parse_value(m.group("v"), "speed")
    except UnitError:
        return False
    return True


@lru_cache(maxsize=64)
def _constant_cycle(name: str) -> Cycle:
    """The constant-speed cycle ``name`` ('120 km/h', '60 mi/h'), made once per text (a batch names the
    same few)."""
    from batcalc.units import error_in_systems, parse_value, shown_text

    m = _CONSTANT_RE.match(name) or _CONSTANT_ANY_RE.match(name)
    if m is None:                             # get_cycle asks only for names a pattern matches
        raise NotFoundError(f"unknown cycle {name!r}")
    v = parse_value(m.group("v"), "speed").si       # km/h, mph, m/s from the unit table: no pint
    if not 0 < v <= 200:
        raise error_in_systems(lambda system: f"constant speed {m.group('v')!r} must be above 0 and at most "
                                              f"{shown_text(200.0, 'speed', system, fmt='.4g')}")
    import numpy as np

    return Cycle(f"constant {m.group('v').strip()}", f"constant {m.group('v').strip()}",
                 np.array([0.0, 3600.0]), np.array([v, v]), constant_speed=v)


def _strict_number(text: str, shown: str, lineno: int, col: int) -> float:
    """A trace field that Python's ``float()`` read but that may not follow batcalc's strict number
    grammar (:func:`batcalc.units.split_value`: ASCII digits, no '1_000'): its number when only the
    spaces around it (no-break ones included) were not ASCII; else refused at ``file:line:col`` ('1_0'
    and '١٠', Arabic-Indic digits, would have read as 10)."""
    from batcalc.errors import UnitError
    from batcalc.units import split_value

    field = text.strip()
    if "_" in field:
        raise SpecError(f"malformed number {field!r}: write a plain decimal number (no '1_000' forms)", shown,
                        lineno, col)
    if field.isascii():                       # only the spaces around it were not
        return float(field)
    try:                                      # what float() took besides: digits other than ASCII 0-9,
        split_value(field)                    # named by the strict grammar's own message
    except UnitError as exc:
        raise SpecError(str(exc), shown, lineno, col) from None
    raise SpecError(f"malformed number {field!r}: write it with ASCII digits 0-9", shown, lineno, col)


def _is_number(text: str) -> bool:
    """Whether ``float()`` reads ``text`` as a number (a trace field)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def load_user_trace(path: str) -> Cycle:
    """A speed trace file, a user's own or a shipped one (:func:`load_trace`): CSV in the format of
    ``specs/cycles/*.csv``.

    ``#`` comment lines (``# name: ...`` names the trace), an optional ``time_s,speed_kmh`` header, then
    one ``time_s,speed_kmh`` row per sample: time in s, strictly increasing (any step; the shipped traces
    are 1 Hz) and within ``USER_TRACE_MAX_SECONDS``, speed in km/h, finite, 0 to 720 km/h; at least two rows, at most
    ``USER_TRACE_MAX_ROWS``, and some distance driven. Returns time (s) and speed (m/s) arrays like
    :func:`load_trace`. A bad file raises :class:`SpecError` naming ``file:line:col`` (the column of the
    field at fault: the row's first for its time, its second for its speed).
    """
    import math
    import os

    import numpy as np

    from batcalc.errors import printable
    from batcalc.io.yamlfile import read_text

    shown = printable(path, 200)
    full = os.path.expanduser(path)
    try:
        os.stat(full)
    except FileNotFoundError:
        raise NotFoundError(f"cycle file '{shown}' not found") from None     # shown is escaped already
    except (OSError, ValueError):   # a link loop, no permission, a NUL in the name: read_text says which
        pass
    name = os.path.basename(full)
    times: list[float] = []
    speeds: list[float] = []
    # a folder, a device, too large, binary or not UTF-8: refused as any file is (at the bad byte's line:col)
    lines = read_text(full, USER_TRACE_MAX_BYTES, "trace file", "CSV").split("\n")   # lines as editors count
    header_seen = False
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith("# name:"):
            name = printable(line.split(":", 1)[1].strip(), 80) or name
        if not line or line.startswith("#"):
            continue
        if not header_seen and not times and line.replace(" ", "").lower() == "time_s,speed_kmh":
            header_seen = True
            continue
        fields = line.split(",")
        col_t = len(raw) - len(raw.lstrip()) + 1                 # 1-based columns of the two fields
        if len(fields) != 2:
            # '0,10,5': a decimal comma splits a number in two
            hint = (": a decimal comma? write decimals with a point (10.5, not 10,5)"
                    if len(fields) in (3, 4) and all(f.strip().isdigit() for f in fields) else "")
            raise SpecError(f"expected 'time_s,speed_kmh', got '{printable(line, 60)}'{hint}", shown, lineno, col_t)
        col_v = col_t + len(fields[0]) + 1 + len(fields[1]) - len(fields[1].lstrip())
        values = []
        for text, col in ((fields[0], col_t), (fields[1], col_v)):
            try:
                value = float(text)
            except ValueError:
                # a header other than time_s,speed_kmh ('speed_kmh,time_s'): the columns are read by place
                header = not times and not header_seen and not any(_is_number(f) for f in fields)
                hint = (": the columns are read by their place, time in s then speed in km/h, under the "
                        "header 'time_s,speed_kmh' or none" if header else "")
                raise SpecError(f"expected two numbers 'time_s,speed_kmh', got '{printable(line, 60)}'{hint}",
                                shown, lineno, col_t if header else col) from None
            if "_" in text or not text.isascii():   # float() reads '1_0' as 10 and '١٠' (Arabic-Indic) as 10
                value = _strict_number(text, shown, lineno, col)
            if not math.isfinite(value):
                raise SpecError(f"time and speed must be finite numbers, got '{printable(line, 60)}'", shown,
                                lineno, col)
            values.append(value)
        t, v = values
        if not abs(t) <= USER_TRACE_MAX_SECONDS:
            raise SpecError(f"time {fields[0].strip()} s is outside -{USER_TRACE_MAX_SECONDS:.0f} to "
                            f"{USER_TRACE_MAX_SECONDS:.0f} s (116 days)", shown, lineno, col_t)
        if not 0 <= v <= USER_TRACE_MAX_SPEED_KMH:
            raise SpecError(f"speed {fields[1].strip()} km/h is outside 0-{USER_TRACE_MAX_SPEED_KMH:.0f} km/h",
                            shown, lineno, col_v)
        if times and t <= times[-1]:
            raise SpecError(f"time {fields[0].strip()} s does not increase (previous row: {times[-1]:g} s)",
                            shown, lineno, col_t)
        if len(times) >= USER_TRACE_MAX_ROWS:
            raise SpecError(f"more than {USER_TRACE_MAX_ROWS} rows", shown, lineno, col_t)
        times.append(t)
        speeds.append(v / 3.6)
    if len(times) < 2:
        raise SpecError("a trace needs at least two 'time_s,speed_kmh' rows", shown)
    cycle = Cycle(shown, name, np.array(times), np.array(speeds))
    if not cycle.distance > 0:
        raise SpecError("the trace covers no distance (all speeds are 0)", shown)
    return cycle
