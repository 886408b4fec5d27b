"""The model of ``specs/rating_bands.yaml``: published bands of range ratios between test cycles."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from batcalc.spec.model import Q, Source, Sourced, Strict, Value, register_kind

Rating = Literal["wltp", "epa", "cltc", "nedc"]


class Band(Sourced):
    """Range on ``to`` / range on ``from`` for the same car, as published pairs of ratings show it."""

    from_rating: Rating = Field(alias="from")
    to_rating: Rating = Field(alias="to")
    low: Annotated[Value, Q("fraction")]
    high: Annotated[Value, Q("fraction")]

    model_config = Sourced.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _ordered(self) -> "Band":
        if not self.low.si < self.high.si:
            raise ValueError("low must be below high")
        if self.from_rating == self.to_rating:
            raise ValueError("a band is between two different ratings")
        return self


class RatingBandsFile(Strict):
    kind: Literal["rating-bands"]
    bands: list[Band] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)


register_kind("rating-bands", RatingBandsFile)
