"""specs/chargers.yaml: connector classes and station ratings, every number sourced and consistent."""

from __future__ import annotations

import re

import pytest

from batcalc.errors import SpecError
from batcalc.spec.catalog import specs_root
from batcalc.spec.chargers import ChargersFile, limits
from batcalc.spec.model import load_spec, parse_spec

PATH = specs_root() / "chargers.yaml"


@pytest.fixture(scope="module")
def spec() -> ChargersFile:
    return load_spec(PATH, expect="chargers", require_sources=True)


def entry(spec: ChargersFile, charger_id: str):
    return next(c for c in spec.chargers if c.id == charger_id)


def test_every_number_is_sourced(spec):
    # require_sources refuses an uncited value; also check that each value names its own source
    for c in spec.chargers:
        for name in ("max_power", "max_current", "max_voltage", "min_voltage"):
            v = getattr(c, name)
            assert v is None or v.source, (c.id, name)


def test_ids_in_use_are_kept(spec):
    # other code, tests and README refer to these ids: renaming any of them breaks them
    kept = {"ac-1ph-7kw", "ac-3ph-22kw", "ccs1", "ccs2", "chademo-2", "gbt-2015", "chaoji-gbt-2023", "tesla-v3",
            "tesla-v4", "mcs"}
    assert kept <= {c.id for c in spec.chargers}


def test_classes_and_stations_asked_for_exist(spec):
    ids = {c.id: c.kind_of for c in spec.chargers}
    for i in ("ccs1", "ccs2", "gbt-2015", "chaoji-gbt-2023", "chademo-2", "chademo-3", "mcs", "nacs", "tesla-v3",
              "tesla-v4"):
        assert ids[i] == "connector", i
    for i in ("ccs-50kw", "ccs-150kw", "ccs-350kw"):
        assert ids[i] == "station", i


@pytest.mark.parametrize("charger_id, power, current, vmax", [
    ("mcs", "3.75 MW", "3000 A", "1250 V"),             # CharIN
    ("ccs1", "350 kW", "500 A", "1000 V"),
    ("ccs2", "350 kW", "500 A", "920 V"),
    ("chademo-2", "400 kW", "400 A", "1000 V"),
    ("chademo-3", "900 kW", "600 A", "1500 V"),
    ("chaoji-gbt-2023", "1.2 MW", "800 A", "1500 V"),
    ("ccs-180kw", "180 kW", "200 A", "920 V"),          # ABB Terra 184: 150 - 920 Vdc, 200 A max
])
def test_headline_figures_as_published(spec, charger_id, power, current, vmax):
    c = entry(spec, charger_id)
    assert (c.max_power.text, c.max_current.text, c.max_voltage.text) == (power, current, vmax)


def test_terra_184_voltage_range(spec):
    c = entry(spec, "ccs-180kw")
    assert (c.min_voltage.si, c.max_voltage.si) == (150.0, 920.0)
    assert c.min_voltage.source == c.max_voltage.source == "abb-terra184"


def test_station_ids_say_their_rating(spec):
    for c in spec.chargers:
        if c.kind_of != "station":
            continue
        m = re.fullmatch(r"[a-z0-9-]+-(\d+)kw", c.id)
        assert m, c.id
        assert int(m.group(1)) * 1e3 == pytest.approx(c.max_power.si), c.id


def test_station_power_is_reachable(spec):
    """A station's power is at most its current times its highest voltage (its own, or its connector's where
    its sources give none): else the rating could never be delivered. A station with no current or no highest
    voltage, even from its connector, would be limited by power alone and is skipped (none is, today)."""
    checked = 0
    for c in spec.chargers:
        if c.kind_of != "station":
            continue
        lim = limits(spec, c.id)
        if lim.current is None or lim.max_voltage is None:
            continue
        assert lim.power <= lim.current * lim.max_voltage * (1 + 1e-9), c.id
        checked += 1
    assert checked == sum(c.kind_of == "station" for c in spec.chargers)


def test_terra_184_is_current_limited_below_900_v(spec):
    # 200 A x 920 V = 184 kW >= 180 kW; at 400 V the current gives 80 kW, at 800 V 160 kW
    lim = limits(spec, "ccs-180kw")
    assert lim.current * 400 == pytest.approx(80e3)
    assert lim.power / lim.current == pytest.approx(900.0)
    assert lim.from_connector == ()


def test_station_takes_missing_limits_from_its_connector(spec):
    lim = limits(spec, "ccs-350kw")
    conn = entry(spec, "ccs2")
    assert (lim.current, lim.max_voltage) == (conn.max_current.si, conn.max_voltage.si)
    assert set(lim.from_connector) == {"max_current", "max_voltage"}
    assert lim.power == 350e3                              # power is always the station's own
    # a station's own figure wins over its connector's
    assert limits(spec, "chademo-50kw").current == 125.0


def test_stations_fit_their_connectors(spec):
    by_id = {c.id: c for c in spec.chargers}
    for c in spec.chargers:
        if c.kind_of != "station":
            assert c.connector is None
            continue
        conn = by_id[c.connector]
        assert conn.kind_of == "connector"
        for name in ("max_current", "max_voltage"):
            mine, theirs = getattr(c, name), getattr(conn, name)
            if mine is not None and theirs is not None:
                assert mine.si <= theirs.si, (c.id, name)


def test_350_kw_station_on_an_800_v_and_a_400_v_pack(spec):
    """75 kWh, 10-80 %, with no cell limit: at 800 V the 350 kW station's power decides (500 A x 800 V = 400 kW),
    so the charge takes 0.7 x 75 kWh / 350 kW = 9 min; at 400 V its current does (500 A x 400 V = 200 kW)."""
    from batcalc.physics.charge_curve import ChargeCurve, ChargeLimits

    lim = limits(spec, "ccs-350kw")
    for volts, power, decided in ((800.0, 350e3, "charger power"), (400.0, 200e3, "charger current")):
        w = ChargeCurve(ChargeLimits(pack_energy=75 * 3.6e6, nominal_voltage=volts, charger_power=lim.power,
                                     charger_current=lim.current, charger_voltage=lim.max_voltage)).window(0.1, 0.8)
        assert w.peak_power == pytest.approx(power)
        assert w.time == pytest.approx(0.7 * 75 * 3.6e6 / power)
        assert w.decided_by == decided


# ------------------------------------------------------------------ bad files are refused, one located line

HEAD = "kind: chargers\nchargers:\n"
SOURCES = "sources:\n  - {id: s, title: t, url: 'https://example.org', grade: press}\n"
CCS2 = "  - {id: ccs2, name: CCS2, max_power: 350 kW, max_voltage: 920 V, max_current: 500 A}\n"


def refused(text: str) -> str:
    with pytest.raises(SpecError) as e:
        parse_spec(text, "x.yaml", expect="chargers")
    msg = str(e.value)
    assert "\n" not in msg
    return msg


def test_min_voltage_above_max_is_refused():
    msg = refused(HEAD + "  - id: bad\n    name: Bad\n    max_power: 50 kW\n    min_voltage: 950 V\n"
                         "    max_voltage: 920 V\n" + SOURCES)
    assert msg.startswith("x.yaml:3:")
    assert "min_voltage (950 V) must be below max_voltage (920 V)" in msg


def test_min_voltage_equal_to_max_is_refused():
    assert "must be below" in refused(HEAD + "  - {id: bad, name: B, max_power: 1 kW, min_voltage: 500 V, "
                                             "max_voltage: 500 V}\n")


def test_station_without_connector_is_refused():
    assert "needs 'connector:'" in refused(HEAD + "  - {id: ccs-50kw, name: S, kind_of: station, max_power: 50 kW}\n")


def test_connector_naming_a_connector_is_refused():
    assert "'connector:' is for stations" in refused(HEAD + CCS2 + "  - {id: x, name: X, connector: ccs2, "
                                                                   "max_power: 1 kW}\n")


def test_unknown_connector_is_refused():
    msg = refused(HEAD + CCS2 + "  - {id: ccs-50kw, name: S, kind_of: station, connector: ccs3, max_power: 50 kW}\n")
    assert "connector 'ccs3' is not a connector class" in msg and "ccs2" in msg


def test_station_above_its_connector_is_refused():
    msg = refused(HEAD + CCS2 + "  - {id: ccs-350kw, name: S, kind_of: station, connector: ccs2, max_power: 350 kW,"
                                " max_voltage: 1000 V}\n")
    assert "station 'ccs-350kw': max_voltage 1000 V is above its connector 'ccs2''s 920 V" in msg
    msg = refused(HEAD + CCS2 + "  - {id: ccs-350kw, name: S, kind_of: station, connector: ccs2, max_power: 350 kW,"
                                " max_current: 600 A}\n")
    assert "max_current 600 A is above" in msg


def test_duplicate_id_is_refused():
    assert "duplicate charger id 'ccs2'" in refused(HEAD + CCS2 + CCS2)


def test_unknown_kind_of_is_refused():
    assert "kind_of" in refused(HEAD + "  - {id: x, name: X, kind_of: plug, max_power: 1 kW}\n")


def test_a_good_station_loads():
    s = parse_spec(HEAD + CCS2 + "  - {id: ccs-150kw, name: S, kind_of: station, connector: ccs2, "
                                 "max_power: 150 kW, min_voltage: 150 V, max_voltage: 920 V, max_current: 200 A}\n"
                   + SOURCES, "x.yaml", expect="chargers", require_sources=True)
    lim = limits(s, "ccs-150kw")
    assert (lim.power, lim.current, lim.min_voltage, lim.max_voltage) == (150e3, 200.0, 150.0, 920.0)
