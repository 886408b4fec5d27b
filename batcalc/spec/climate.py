"""The model of ``specs/climate.yaml``: cabin heating and cooling power against ambient temperature."""

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from batcalc.spec import ID_PATTERN
from batcalc.spec.model import Q, Source, Sourced, Strict, Value, check_table, register_kind


class ClimatePoint(Strict):
    ambient: float = Field(description="ambient temperature, e.g. '-7 °C' (read as kelvin)")
    power: Annotated[Value, Q("power", allow_zero=True)] = Field(description="climate power there, e.g. '2 kW'")

    @field_validator("ambient", mode="before")
    @classmethod
    def _temperature(cls, v: Any) -> float:
        from batcalc.units import parse_temperature

        if not isinstance(v, str):
            raise ValueError("write a temperature with its unit, e.g. '-7 °C'")
        return parse_temperature(v)


class ClimateSystem(Sourced):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    points: list[ClimatePoint] = Field(min_length=2)

    @model_validator(mode="after")
    def _rising(self) -> "ClimateSystem":
        check_table([p.ambient for p in self.points], "a climate table", "temperature")
        return self


class ClimateFile(Strict):
    kind: Literal["climate"]
    systems: list[ClimateSystem] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)


register_kind("climate", ClimateFile)
