"""batcalc: a battery-spec comparison calculator (cells, packs, vehicles, charging, claims).

Library use (docs/api.md)::

    import batcalc as bc
    r = bc.range_of(bc.load_cell("gac-aion-ssb-350"), bc.load_vehicle("mid-sedan"), pack_mass="480 kg")
    r.range.to("km")         # a pint Quantity
    bc.compare("gac-aion-ssb-300", "gac-aion-ssb-350").energy_at_same_mass   # 1.1667

The names below are loaded on first use (module ``__getattr__``), so ``import batcalc`` loads neither
pint, numpy, pydantic nor typer and the command line starts fast. The layers beneath
(``batcalc.physics``, ``batcalc.units``, ...) are documented in docs/library.md.
"""

from __future__ import annotations

TYPE_CHECKING = False                # typing.TYPE_CHECKING without importing typing (~8 ms)

__version__ = "0.1.0"

#: The public surface; each name lives in :mod:`batcalc.api` (or :mod:`batcalc.errors`).
__all__ = ["BatcalcError", "Q", "catalog", "charge", "check", "compare", "consumption", "convert", "load_cell",
           "load_vehicle", "normalise", "range_bands", "range_of", "sweep", "tradeoff"]

if TYPE_CHECKING:                    # for type checkers and editors; at run time the names load lazily
    from batcalc.api import (
        Q,
        catalog,
        charge,
        check,
        compare,
        consumption,
        convert,
        load_cell,
        load_vehicle,
        normalise,
        range_bands,
        range_of,
        sweep,
        tradeoff,
    )
    from batcalc.errors import BatcalcError


def __getattr__(name: str) -> object:
    """Load a public name on first use (PEP 562) and keep it in the module."""
    value: object
    if name == "BatcalcError":
        from batcalc import errors

        value = errors.BatcalcError
    elif name in __all__:
        from batcalc import api

        value = getattr(api, name)
    else:
        raise AttributeError(f"module 'batcalc' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
