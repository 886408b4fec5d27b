"""Verdicts over the plausible assumptions: a claim holds (for every plausible assumption), fails
(for every one) or depends, naming the assumptions that decide it and their thresholds.

Each claim is evaluated (:func:`batcalc.claims.check.evaluate`) at the points
:func:`batcalc.physics.bands.bands` asks for, with a :class:`~batcalc.claims.check.Context` whose
defaults are that point's; every number the verdict derives (its derived value, what it would
take, the figures of its details) gets a band. The verdict over the band:

- ``underdetermined`` when it is at the central assumptions (a missing fact stays missing);
- ``holds`` / ``fails`` when it is that at every point evaluated: the central point, each axis at
  each end alone, the extreme corners of every derived figure, and points along the segment from
  each derived figure's low corner to its high corner (where the figure sweeps its whole band
  monotonically, so a tolerance window inside the band is found);
- ``depends`` otherwise (a point where the claim is underdetermined, e.g. a range claim whose ratings
  disagree there, is a point where it neither holds nor fails: a claim that fails at the central point
  and is underdetermined elsewhere depends); each assumption whose plausible range alone (the others
  central) turns the verdict is named with the value where it turns (bisection), e.g. "holds if
  cell-to-pack-mass is at least 78 %" (or, where it holds nowhere along the axis, where it keeps its
  central verdict: "fails if ..."). When no single assumption does, the corners that turn it are
  described as a combination.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Optional

from batcalc.claims.check import Context, Value, Verdict, evaluate, ranged_inputs
from batcalc.physics.bands import Assumed, Axis, Band, InputAxis, Ranged, bands, threshold
from batcalc.physics.bands import points as central_points

#: Interior points on the segment from a derived figure's low corner to its high corner.
SEGMENT_POINTS = 7


@dataclass
class Decider:
    """An assumption that alone turns a verdict: the verdict is ``status`` (``holds``; or the central
    verdict, when the claim holds nowhere along the axis) if it is ``side`` (``at least``, ``at most``
    or ``between``) ``values`` (SI, one or two)."""

    axis: Axis
    side: str
    values: tuple[float, ...]
    status: str = "holds"


@dataclass
class Banded:
    """A claim's verdict over the box of plausible assumptions: ``verdict`` is the central evaluation
    with its status replaced by the status over the box; ``bands`` each derived figure's band (by
    path, with the central :class:`Value` it was read from); ``deciders`` the assumptions that alone
    turn it."""

    verdict: Verdict
    central_status: str
    bands: dict[str, tuple[Value, Band]] = field(default_factory=dict)
    deciders: list[Decider] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=list)
    runs: int = 0
    inputs: dict[str, InputAxis] = field(default_factory=dict)     # the claim's ranged inputs (axes too)
    #: the paths of :attr:`bands` whose figure is missing at some point the band was read from (what it
    #: would take, where the claim holds there): their band covers only the points that have it
    partial: frozenset[str] = frozenset()
    #: the assumptions the claim read at the central point: its axes, and those fixed to a point
    used: frozenset[str] = frozenset()


def figures_of(v: Verdict) -> dict[str, Value]:
    """Every number a verdict derives, by path: ``derived`` (``derived.0``... for charge windows),
    ``needed``, the :class:`Value` parts of ``would_take`` and the Values in ``details``."""
    out: dict[str, Value] = {}

    def walk(obj: Any, path: str) -> None:
        if isinstance(obj, Value):
            out[path] = obj
        elif isinstance(obj, dict):
            for k, x in obj.items():
                walk(x, f"{path}.{k}")
        elif isinstance(obj, (list, tuple)):
            for k, x in enumerate(obj):
                walk(x, f"{path}.{k}")
    walk(v.derived, "derived")
    walk(v.needed, "needed")
    walk(v.would_take, "would_take")
    walk(v.details, "details")
    return out


def input_ranges(claim: Any) -> dict[str, InputAxis]:
    """The axes of a claim's ranged inputs, by axis id (``input pack_energy``)."""
    return {f"input {name}": InputAxis.of(f"input {name}", v) for name, v in ranged_inputs(claim).items()}


def band_claim(claim: Any, ranges: Mapping[str, Ranged], doc: Any = None, loc: tuple = (),
               cache: Optional[dict] = None, grades: Optional[dict] = None,
               sources: Optional[dict] = None) -> Banded:
    """The verdict on ``claim`` over the box of ``ranges`` and of its inputs written as ranges (see
    module doc)."""
    cache = cache if cache is not None else {}
    memo: dict[tuple, Verdict] = {}
    values = {f"input {name}": v for name, v in ranged_inputs(claim).items()}
    inputs = input_ranges(claim)
    if inputs:
        ranges = {**ranges, **inputs}

    def claim_at(a: Assumed) -> Any:
        if not inputs:
            return claim
        changed = {k[len("input "):]: v.at(a[k]) for k, v in values.items()}
        return claim.model_copy(update={"inputs": claim.inputs.model_copy(update=changed)})

    def verdict_at(a: Assumed) -> Verdict:
        key = a.key()
        if key not in memo:       # (bands() asks for each point once, so what a run reads is recorded)
            memo[key] = evaluate(claim_at(a), Context(doc, loc, cache, grades, assumed=a, sources=sources))
        return memo[key]

    def run(a: Assumed) -> dict[str, float]:
        return {k: x.si for k, x in figures_of(verdict_at(a)).items()}

    b = bands(run, ranges, partial=True)
    present = [set(figures_of(v)) for v in memo.values()]
    partial = frozenset(k for k in b.bands if any(k not in p for p in present))
    centre = Assumed.central(ranges)
    central = memo[centre.key()]
    figures = figures_of(central)
    if central.status == "underdetermined" or not b.axes:
        status = central.status
    else:
        for key in (k for k in b.corners if k.startswith("derived")):
            low, high = b.corners[key]
            for j in range(1, SEGMENT_POINTS + 1):
                t = j / (SEGMENT_POINTS + 1)
                verdict_at(centre.with_values(b.point([lo + t * (hi - lo) for lo, hi in zip(low, high,
                                                                                               strict=True)])))
        seen = {v.status for v in memo.values()}
        status = "depends" if len(seen) > 1 else central.status
    deciders = _deciders(b.swings, centre, central.status, verdict_at) if status == "depends" else []
    shown = replace(central, status=status)
    return Banded(shown, central.status, {k: (figures[k], band) for k, band in b.bands.items() if k in figures},
                  deciders, b.axes, len(memo), inputs, partial, b.used)


#: Points along each axis (its low and high included) where a verdict is looked at for a turn.
AXIS_POINTS = 9


def _deciders(swings: list, centre: Assumed, status: str, verdict_at: Any) -> list[Decider]:
    """The axes that alone (the others central) turn the verdict, with where it holds (where it holds
    nowhere on the axis: where it keeps the central verdict ``status``, the rest of the axis being
    underdetermined): the verdict is looked at on :data:`AXIS_POINTS` points of each axis and its
    central value, and each turn is found by bisection between neighbours. A verdict holding on a
    stretch is ``at least`` its start, ``at most`` its end, or ``between`` both; where it holds on
    several stretches, the one nearest the central value is named."""
    out = []
    for s in swings:
        a = s.axis
        xs = sorted({a.low + (a.high - a.low) * k / (AXIS_POINTS - 1) for k in range(AXIS_POINTS)} | {a.central})
        statuses = [verdict_at(centre.with_values({a.id: x})).status for x in xs]
        if all(st == status for st in statuses):
            continue
        target = "holds" if "holds" in statuses else status
        holds = [st == target for st in statuses]

        def held(x: Assumed, a: Axis = a, target: str = target) -> bool:
            return bool(verdict_at(x).status == target)
        stretches = []                       # (start index, end index) of runs of points where it holds
        k = 0
        while k < len(xs):
            if holds[k]:
                e = k
                while e + 1 < len(xs) and holds[e + 1]:
                    e += 1
                stretches.append((k, e))
                k = e + 1
            else:
                k += 1
        mid = xs.index(a.central)
        k0, e0 = min(stretches, key=lambda se: 0 if se[0] <= mid <= se[1] else min(abs(se[0] - mid), abs(se[1] - mid)))
        start = threshold(held, centre, a, xs[k0], xs[k0 - 1]) if k0 > 0 else None
        end = threshold(held, centre, a, xs[e0], xs[e0 + 1]) if e0 < len(xs) - 1 else None
        # threshold returns the first value that does not hold; the stretch's own edge is one step inside
        if start is not None and end is not None:
            out.append(Decider(a, "between", (start, end), target))
        elif start is not None:
            out.append(Decider(a, "at least", (start,), target))
        elif end is not None:
            out.append(Decider(a, "at most", (end,), target))
    return out


def check_file_bands(name: str, ranges: Mapping[str, Ranged], points: bool = False) -> tuple[Any, list[Banded]]:
    """:func:`batcalc.claims.check.check_file` over the box of ``ranges`` (after the file's own
    ``assumptions:``, which ranges given with an ``overridden`` text replace): each claim of the file as
    a :class:`Banded` verdict. ``points``: each range narrowed to its central value (the claims at
    one point, as ``--assume`` without ``--bands`` asks)."""
    from batcalc.claims.check import load_claims_file

    spec, doc = load_claims_file(name)
    if spec.assumptions:                     # the file's own ranges first; the command line's replace them
        from batcalc.claims.check import file_ranges

        given = {k: v for k, v in ranges.items() if getattr(v, "overridden", None)}
        ranges = {**file_ranges(spec), **given}
    if points:
        ranges = central_points(ranges)
    cache: dict = {}
    sources = {src.id: src for src in spec.sources}
    grades = {sid: src.grade for sid, src in sources.items()}
    return spec, [band_claim(c, ranges, doc, ("claims", k), cache, grades, sources)
                  for k, c in enumerate(spec.claims)]
