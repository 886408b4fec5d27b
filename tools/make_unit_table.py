"""Write batcalc/unit_table.json: SI factors and dimensions of common units, computed with pint.

    python tools/make_unit_table.py

batcalc reads values in these units without loading pint (start-up speed); tests/test_units.py
fails if the file differs from what pint computes now.
"""

import json
from pathlib import Path

from batcalc.units import build_unit_table

path = Path(__file__).resolve().parent.parent / "batcalc" / "unit_table.json"
path.write_text(json.dumps(build_unit_table(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
print(f"wrote {path}")
