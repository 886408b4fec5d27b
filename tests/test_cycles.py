"""Drive-cycle traces: official duration and distance, provenance, constant speeds."""

from __future__ import annotations

import pytest
import yaml

from batcalc.errors import BatcalcError
from batcalc.physics.cycles import cycle_ids, cycles_dir, get_cycle

# Official figures: WLTC class 3b 1800 s / 23.266 km (UN GTR No. 15); UDDS 1369 s / 7.45 mi = 11.99 km
# (40 CFR 86 App. I); HWFET 765 s / 10.26 mi = 16.51 km (40 CFR 600 App. I).
OFFICIAL = {"wltc-3b": (1800, 23.27, 131.3), "udds": (1369, 11.99, 91.25), "hwfet": (765, 16.51, 96.4)}


@pytest.mark.parametrize("cycle_id", sorted(OFFICIAL))
def test_duration_distance_and_top_speed(cycle_id):
    c = get_cycle(cycle_id)
    duration, km, vmax = OFFICIAL[cycle_id]
    assert c.duration == duration
    assert len(c.time) == duration + 1                       # 1 Hz from t = 0
    assert c.distance / 1000 == pytest.approx(km, abs=0.006)
    assert c.speed.max() * 3.6 == pytest.approx(vmax, abs=0.05)
    assert c.speed[0] == 0 and c.speed[-1] == 0


def test_provenance_recorded_for_every_trace():
    meta = yaml.safe_load((cycles_dir() / "cycles.yaml").read_text())
    assert sorted(m["id"] for m in meta) == sorted(cycle_ids()) == sorted(OFFICIAL)
    for m in meta:
        assert m["standard"] and m["provenance"]["package"] and m["provenance"]["licence"]
        header = (cycles_dir() / m["file"]).read_text().splitlines()[:3]
        assert header[0].startswith("# name:")


def test_aliases_and_constant_speed():
    assert get_cycle("WLTP").id == "wltc-3b" and get_cycle("highway").id == "hwfet"
    c = get_cycle("100 km/h")
    assert c.constant_speed == pytest.approx(100 / 3.6)
    assert get_cycle("60 mph").constant_speed == pytest.approx(60 * 0.44704)
    for bad in ("nedc", "0 km/h", "100 kg", "9000 km/h"):
        with pytest.raises(BatcalcError):
            get_cycle(bad)
