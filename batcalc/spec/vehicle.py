"""The vehicle spec model (``kind: vehicle``): masses, road load, drivetrain, sources."""

from typing import Annotated, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from batcalc.spec.bounds import check_plausible
from batcalc.spec.model import ID_PATTERN, Q, Source, Sourced, Strict, Value, check_table, register_kind


def _plausible(v: Optional[Value], name: Optional[str]) -> Optional[Value]:
    """Refuse values no road vehicle has (a typo such as C_d 23 for 0.23 would silently give 15 km), by the
    bounds of :data:`batcalc.spec.bounds.PLAUSIBLE`."""
    if v is not None and name is not None:       # no name only in a model validator
        check_plausible(v.si, v.text, name)
    return v


class ReferencePack(Strict):
    energy: Annotated[Value, Q("energy", example="kWh")] = Field(
        description="gross (nominal) energy of the pack the vehicle ships with")
    mass: Optional[Annotated[Value, Q("mass")]] = None
    nominal_voltage: Optional[Annotated[Value, Q("voltage")]] = Field(
        None, description="the pack's nominal voltage, for charging (400 V when left out)")


class CoastDown(Strict):
    f0: Annotated[Value, Q("force", allow_zero=True)]
    f1: Annotated[Value, Q("force_per_speed", allow_zero=True)]
    f2: Annotated[Value, Q("force_per_speed2", allow_zero=True)]

    @model_validator(mode="after")
    def _some_road_load(self) -> "CoastDown":
        """Refuse F0 = F1 = F2 = 0: a vehicle with no road load at all needs no energy to drive a cycle
        (its consumption would be zero or the rounding error of a sum that should be zero)."""
        if self.f0.si == 0 and self.f1.si == 0 and self.f2.si == 0:
            raise ValueError("f0, f1 and f2 are all 0: a rolling vehicle has some road load (coast-down "
                             "fits of cars give f0 ~100-200 N, f2 ~0.02-0.05 N/(km/h)^2)")
        return self


class MeasuredConsumption(Strict):
    value: Annotated[Value, Q("consumption")] = Field(description="consumption at the battery, e.g. '150 Wh/km'")
    cycle: Optional[str] = None
    at_mass: Annotated[Value, Q("mass")] = Field(description="total mass the figure was measured at")
    per_100kg: Annotated[Value, Q("consumption", allow_zero=True)] = Field(description="change per extra 100 kg")


class MapPoint(Strict):
    load: Annotated[Value, Q("fraction", allow_zero=True)] = Field(
        description="output power as a share of rated power, e.g. '20 %'")
    efficiency: Annotated[Value, Q("fraction")] = Field(description="motor-and-inverter efficiency there, e.g. '94 %'")


class MotorMap(Sourced):
    """Motor-and-inverter efficiency against load (output power over rated power)."""

    shape: Literal["linear", "step"] = Field("linear", description="linear between points, or step: the "
                                                                   "value at the point at or below the load")
    points: tuple[MapPoint, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rising(self) -> "MotorMap":
        check_table([p.load.si for p in self.points], "a motor map", "load", start=0.0)
        return self


class PowertrainSpec(Sourced):
    """The load-dependent powertrain: motor, gear, regeneration, battery (see batcalc.physics.powertrain)."""

    motor_rated_power: Annotated[Value, Q("power")] = Field(
        description="the traction motor's rated (peak) output, e.g. '150 kW'")
    motor_map: Optional[MotorMap] = Field(None, description="efficiency by load [default: FASTSim's default map]")
    transmission_efficiency: Optional[Annotated[Value, Q("fraction")]] = Field(
        None, description="gear efficiency [default: 98 %]")
    battery_efficiency: Optional[Annotated[Value, Q("fraction")]] = Field(
        None, description="one-way battery efficiency [default: 98.5 %, a 97 % round trip]")
    regen_efficiency: Optional[Annotated[Value, Q("fraction", allow_zero=True)]] = Field(
        None, description="motor efficiency when regenerating [default: the map at zero load]")
    regen_fades: bool = Field(True, description="regeneration fades below ~15 km/h (FASTSim 2's curve)")

    @field_validator("motor_rated_power", "transmission_efficiency", "battery_efficiency")
    @classmethod
    def _plausible(cls, v: Optional[Value], info: ValidationInfo) -> Optional[Value]:
        """:func:`_plausible` of the field."""
        return _plausible(v, info.field_name)


class VehicleSpec(Strict):
    """A vehicle body: masses, road load and drivetrain; the battery is added by the calculator."""

    kind: Literal["vehicle"]
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    vehicle_class: Literal["car", "suv", "light-truck", "medium-truck", "heavy-truck"] = Field("car", alias="class")
    mass_without_battery: Annotated[Value, Q("mass")] = Field(description="curb mass minus the traction pack")
    reference_pack: Optional[ReferencePack] = None
    payload: Annotated[Value, Q("mass", allow_zero=True)] = Field(description="load carried in range calculations")
    max_gross_mass: Optional[Annotated[Value, Q("mass")]] = None
    drag_coefficient: Optional[Annotated[Value, Q("number")]] = None
    frontal_area: Optional[Annotated[Value, Q("area")]] = None
    rolling_resistance: Optional[Annotated[Value, Q("number")]] = None
    coast_down: Optional[CoastDown] = None
    rotational_mass_factor: Optional[Annotated[Value, Q("number", allow_zero=True)]] = None
    rotating_mass: Optional[Annotated[Value, Q("mass", allow_zero=True)]] = Field(
        None, description="fixed equivalent mass of wheels and motor (n I / r^2), instead of rotational_mass_factor")
    powertrain: Optional[PowertrainSpec] = None
    drivetrain_efficiency: Optional[Annotated[Value, Q("fraction")]] = None
    regen_fraction: Optional[Annotated[Value, Q("fraction", allow_zero=True)]] = None
    auxiliary_power: Optional[Annotated[Value, Q("power", allow_zero=True)]] = None
    measured_consumption: Optional[MeasuredConsumption] = None
    notes: Optional[str] = None
    sources: tuple[Source, ...] = ()

    model_config = Strict.model_config | {"populate_by_name": True}

    @field_validator("drag_coefficient", "rolling_resistance", "frontal_area", "mass_without_battery",
                     "drivetrain_efficiency", "rotational_mass_factor", "auxiliary_power")
    @classmethod
    def _plausible(cls, v: Optional[Value], info: ValidationInfo) -> Optional[Value]:
        """:func:`_plausible` of the field."""
        return _plausible(v, info.field_name)

    @model_validator(mode="after")
    def _road_load(self) -> "VehicleSpec":
        aero = [self.drag_coefficient, self.frontal_area, self.rolling_resistance]
        if self.measured_consumption is None and self.coast_down is None and None in aero:
            raise ValueError("give drag_coefficient, frontal_area and rolling_resistance, or coast_down, "
                             "or measured_consumption")
        if self.coast_down is not None and any(v is not None for v in aero):
            raise ValueError("give either coast_down or drag_coefficient/frontal_area/rolling_resistance, not both")
        if self.powertrain is not None and (self.drivetrain_efficiency is not None or self.regen_fraction is not None):
            raise ValueError("give either powertrain (efficiency by load) or drivetrain_efficiency/regen_fraction "
                             "(a constant efficiency), not both")
        if self.rotating_mass is not None and self.rotational_mass_factor is not None:
            raise ValueError("give either rotating_mass or rotational_mass_factor, not both")
        return self


register_kind("vehicle", VehicleSpec)
