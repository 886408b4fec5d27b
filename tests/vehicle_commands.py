"""The commands that run a vehicle and take --assume (and --bands), with the arguments that run each in
vehicle ``vehicle``: one table for the tests that run them all."""

from __future__ import annotations


def vehicle_commands(vehicle: str = "mid-sedan", charger: str = "ccs-350kw") -> dict[str, list[str]]:
    """Command name -> arguments of ``batcalc`` (without ``--bands`` or ``--assume``), in ``vehicle``;
    ``charge on a curve`` charges at ``charger``."""
    return {
        "range": ["range", "gac-aion-ssb-350", "-v", vehicle],
        "tradeoff": ["tradeoff", "gac-aion-ssb-300", "gac-aion-ssb-350", "-v", vehicle],
        "consumption": ["consumption", "-v", vehicle],
        "normalise": ["normalise", "500 km", "--from", "cltc", "--to", "wltp", "-v", vehicle],
        "charge": ["charge", "huineng-llcb", "-v", vehicle],
        "charge on a curve": ["charge", "huineng-llcb", "-v", vehicle, "--charger", charger],
    }
