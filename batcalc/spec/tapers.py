"""The model of ``specs/tapers.yaml``: default charge tapers per chemistry family, sourced."""

from functools import lru_cache
from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator

from batcalc.spec import ID_PATTERN
from batcalc.spec.model import Q, Source, Sourced, Strict, Value, check_table, register_kind

Family = Literal["lfp", "nmc", "silicon", "solid-state"]


class TaperPoint(Strict):
    soc: Annotated[Value, Q("fraction", allow_zero=True)] = Field(description="state of charge, e.g. '50 %'")
    share: Annotated[Value, Q("fraction", allow_zero=True)] = Field(
        description="share of the peak C-rate allowed there")


class TaperSpec(Sourced):
    """One taper: the share of the cells' peak charge C-rate against state of charge."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    families: list[Family] = Field(default_factory=list, description="the chemistry families it is the default for")
    shape: Literal["step", "linear"] = Field("step", description="step: constant up to the next point; linear")
    points: list[TaperPoint] = Field(min_length=1)
    assumption: Optional[str] = Field(None, description="why, when the curve is the project's choice")

    @model_validator(mode="after")
    def _rising(self) -> "TaperSpec":
        check_table([p.soc.si for p in self.points], "a taper", "SoC", start=0.0)
        return self


class TapersFile(Strict):
    kind: Literal["tapers"]
    tapers: list[TaperSpec] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_per_family(self) -> "TapersFile":
        seen: dict[str, str] = {}
        for t in self.tapers:
            for f in t.families:
                if f in seen:
                    raise ValueError(f"family {f!r} has two default tapers: {seen[f]!r} and {t.id!r}")
                seen[f] = t.id
        return self


register_kind("tapers", TapersFile)


@lru_cache(maxsize=1)
def taper_ids() -> tuple[str, ...]:
    """The ids of the tapers of the catalogue's ``specs/tapers.yaml``, sorted (what a cell's
    ``charging.taper`` may name)."""
    from batcalc.spec.catalog import specs_root
    from batcalc.spec.model import load_spec

    spec = load_spec(specs_root() / "tapers.yaml", expect="tapers", require_sources=True)
    return tuple(sorted(t.id for t in spec.tapers))
