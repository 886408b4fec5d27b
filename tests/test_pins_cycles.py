"""Pins on reading drive-cycle traces: names, units, line numbers of errors (hand-written CSV files)."""

from __future__ import annotations

import pytest

from batcalc.errors import BatcalcError, SpecError
from batcalc.physics import cycles


@pytest.fixture
def trace_dir(tmp_path, monkeypatch):
    """Point the cycle reader at a temporary folder (load_trace caches per id: each test uses new ids)."""
    monkeypatch.setattr(cycles, "cycles_dir", lambda: tmp_path)
    return tmp_path


def test_trace_in_km_per_hour_with_a_name_holding_a_colon(trace_dir):
    (trace_dir / "pin-a.csv").write_text("# name: Test: a cycle\n# note\ntime_s,speed_kmh\n0,0\n1,36\n2,0\n",
                                         encoding="utf-8")
    c = cycles.load_trace("pin-a")
    assert c.name == "Test: a cycle" and c.id == "pin-a"
    assert list(c.time) == [0.0, 1.0, 2.0]
    assert list(c.speed) == pytest.approx([0.0, 10.0, 0.0])        # 36 km/h = 10 m/s
    assert c.distance == pytest.approx(10.0) and c.duration == 2.0


def test_a_bad_line_is_reported_with_its_line_number(trace_dir):
    (trace_dir / "pin-b.csv").write_text("# name: B\ntime_s,speed_kmh\n0,0\n1;5\n", encoding="utf-8")
    with pytest.raises(SpecError, match="expected 'time_s,speed_kmh'") as exc:
        cycles.load_trace("pin-b")
    assert exc.value.line == 4 and exc.value.col == 1 and str(exc.value.path).endswith("pin-b.csv")


def test_constant_speed_forms_and_limits():
    for text in ("100 km/h", "constant 100 km/h", "const: 100 km/h", "  100 kph "):
        c = cycles.get_cycle(text)
        assert c.constant_speed == pytest.approx(100 / 3.6), text
    assert cycles.get_cycle("const: 100 km/h").id == "constant 100 km/h"
    assert cycles.get_cycle("720 km/h").constant_speed == pytest.approx(200.0)      # the limit itself
    assert cycles.get_cycle("2 km/h").constant_speed == pytest.approx(2 / 3.6)       # any speed above 0
    with pytest.raises(BatcalcError, match="at most 720 km/h"):
        cycles.get_cycle("721 km/h")


def test_a_constant_speed_is_an_hour_at_that_speed():
    """'90 km/h' is 25 m/s held for 3600 s: two samples an hour apart, 90 km."""
    c = cycles.get_cycle("90 km/h")
    assert list(c.time) == [0.0, 3600.0] and list(c.speed) == pytest.approx([25.0, 25.0])
    assert c.duration == 3600.0 and c.distance == pytest.approx(90e3) and c.mean_speed == pytest.approx(25.0)
