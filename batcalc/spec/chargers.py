"""The model of ``specs/chargers.yaml``: charger classes with their sourced limits."""


from typing import Literal, Optional

from pydantic import Field

from batcalc.spec.model import ID_PATTERN, Qty, Source, Strict, register_kind


class ChargerSpec(Strict):
    """One charger class in ``specs/chargers.yaml``."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    max_power: Qty("power")
    max_voltage: Optional[Qty("voltage")] = None
    max_current: Optional[Qty("current")] = None
    notes: Optional[str] = None


class ChargersFile(Strict):
    kind: Literal["chargers"]
    chargers: list[ChargerSpec]
    sources: list[Source] = []


register_kind("chargers", ChargersFile)
