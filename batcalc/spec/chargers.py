"""The model of ``specs/chargers.yaml``: charger classes with their sourced limits.

Two kinds of entry (``kind_of``):

- ``connector``: a connector or charging standard (CCS2, MCS, NACS ...), with the limits its standard or
  maker publishes;
- ``station``: a charging station rating people meet (``ccs-350kw``), named after a real product where
  its figures come from one; ``connector`` names the connector class it charges through.

Limits are at the charger's DC output: ``max_power`` (W), ``max_current`` (A), ``max_voltage`` and
``min_voltage`` (V, the output voltage range). A limit the sources do not give is left out.

Checks: ``min_voltage < max_voltage``; a station names a connector class of the file; a station's
voltage range and current lie within its connector's where both are given. A station's *power* is not
checked against its connector's: the power of a connector class in the sources is the usual class
("350 kW for CCS"), not a rating of the pins, and deployed stations exceed it (400 kW on CCS2).
"""


from dataclasses import dataclass
from typing import Annotated, Literal, Optional

from pydantic import Field, field_validator, model_validator

from batcalc.spec.model import ID_PATTERN, Q, Source, Strict, Value, register_kind

KindOf = Literal["connector", "station"]


class ChargerSpec(Strict):
    """One charger class in ``specs/chargers.yaml``: a connector/standard or a station rating."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    kind_of: KindOf = Field("connector", description="connector (a connector or standard) or station (a station "
                                                     "rating, e.g. ccs-350kw)")
    connector: Optional[str] = Field(None, description="a station's connector class: the id of a connector entry")
    max_power: Annotated[Value, Q("power")]
    max_voltage: Optional[Annotated[Value, Q("voltage")]] = Field(None, description="highest DC output voltage")
    min_voltage: Optional[Annotated[Value, Q("voltage")]] = Field(None, description="lowest DC output voltage")
    max_current: Optional[Annotated[Value, Q("current")]] = None
    notes: Optional[str] = None

    @model_validator(mode="after")
    def _consistent(self) -> "ChargerSpec":
        if self.min_voltage is not None and self.max_voltage is not None and self.min_voltage.si >= self.max_voltage.si:
            raise ValueError(f"min_voltage ({self.min_voltage.text}) must be below max_voltage "
                             f"({self.max_voltage.text})")
        if self.kind_of == "station" and self.connector is None:
            raise ValueError(f"station {self.id!r} needs 'connector:' (the id of its connector class, e.g. ccs2)")
        if self.kind_of == "connector" and self.connector is not None:
            raise ValueError(f"{self.id!r} is a connector class: 'connector:' is for stations (kind_of: station)")
        return self


#: A station's limits checked against its connector's: (field, the station's must not be above it).
_WITHIN = (("max_voltage", True), ("max_current", True), ("min_voltage", False))


class ChargersFile(Strict):
    kind: Literal["chargers"]
    chargers: list[ChargerSpec]
    sources: list[Source] = []

    @field_validator("chargers")
    @classmethod
    def _stations_fit_their_connectors(cls, chargers: list[ChargerSpec]) -> list[ChargerSpec]:
        by_id: dict[str, ChargerSpec] = {}
        for c in chargers:
            if c.id in by_id:
                raise ValueError(f"duplicate charger id {c.id!r}")
            by_id[c.id] = c
        for c in chargers:
            if c.connector is None:
                continue
            conn = by_id.get(c.connector)
            if conn is None or conn.kind_of != "connector":
                known = ", ".join(sorted(i for i, x in by_id.items() if x.kind_of == "connector"))
                raise ValueError(f"station {c.id!r}: connector {c.connector!r} is not a connector class of this file "
                                 f"(connector classes: {known or 'none'})")
            for name, upper in _WITHIN:
                mine, theirs = getattr(c, name), getattr(conn, name)
                if mine is None or theirs is None:
                    continue
                if (mine.si > theirs.si) if upper else (mine.si < theirs.si):
                    raise ValueError(f"station {c.id!r}: {name} {mine.text} is {'above' if upper else 'below'} its "
                                     f"connector {conn.id!r}'s {theirs.text}")
        return chargers


register_kind("chargers", ChargersFile)


@dataclass(frozen=True)
class Limits:
    """A charger's DC output limits in SI (W, A, V), each None when not known, and where each came from:
    ``from_connector`` names the limits a station takes from its connector class because the station's
    own sources do not give them."""

    power: float
    current: Optional[float]
    max_voltage: Optional[float]
    min_voltage: Optional[float]
    from_connector: tuple[str, ...] = ()


def limits(spec: ChargersFile, charger_id: str) -> Limits:
    """The limits of ``charger_id``: its own, and for a station the current and voltage range of its
    connector class where the station's sources leave them out (the connector's limits bound any
    station on it). Power is always the entry's own. Raises ``KeyError`` for an unknown id."""
    by_id = {c.id: c for c in spec.chargers}
    c = by_id[charger_id]
    conn = by_id.get(c.connector) if c.connector else None
    taken: list[str] = []

    def pick(name: str) -> Optional[float]:
        own: Optional[Value] = getattr(c, name)
        if own is not None:
            return own.si
        other: Optional[Value] = getattr(conn, name) if conn is not None else None
        if other is None:
            return None
        taken.append(name)
        return other.si

    current, vmax, vmin = pick("max_current"), pick("max_voltage"), pick("min_voltage")
    return Limits(c.max_power.si, current, vmax, vmin, tuple(taken))
