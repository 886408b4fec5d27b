"""batcalc: a battery-spec comparison calculator (cells, packs, vehicles, charging, claims).

Library use::

    from batcalc.physics.cells import load_cell
    from batcalc.physics.compare import energy_at_same_mass
    a, b = load_cell("gac-aion-ssb-300"), load_cell("gac-aion-ssb-350")
    energy_at_same_mass(a, b).value   # 1.1667
"""

__version__ = "0.1.0"
