"""Charge curves: hand calculations, the issue's worked figures, and properties (hypothesis)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc.errors import BatcalcError
from batcalc.physics.charge import charge_time
from batcalc.physics.charge_curve import ChargeCurve, ChargeLimits, Table, flat, peak_c_rate_for

KWH = 3.6e6
#: TomTom's typical piecewise-constant DC curve, as a share of peak (typed from the published page).
TOMTOM = Table((0.0, 0.10, 0.50, 0.80, 0.90), (0.50, 1.00, 0.75, 0.35, 0.20), step=True)


def test_flat_curve_is_the_average_rate_formula():
    curve = ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=400.0, charger_power=150e3))
    for a, b in ((0.0, 0.8), (0.1, 0.8), (0.123, 0.987)):
        assert curve.time(a, b) == pytest.approx(charge_time(a, b, 150e3, 75 * KWH), rel=1e-12)
        w = curve.window(a, b)
        assert w.peak_power == pytest.approx(150e3) and w.average_power == pytest.approx(150e3, rel=1e-12)
        assert w.decided_by == "charger power"


def test_issue_example_peak_for_10_80_in_15_min():
    """10-80 % in 15 min on 75 kWh: 210 kW on average; with the usual taper about 240 kW at the peak.
    By hand: integral of ds/share over 10-80 % = 0.4/1 + 0.3/0.75 = 0.8; C_peak = 0.8 / 0.25 h = 3.2 C."""
    c_peak = peak_c_rate_for(TOMTOM, 0.10, 0.80, 15 * 60)
    assert c_peak * 3600 == pytest.approx(3.2)
    assert c_peak * 75 * KWH == pytest.approx(240e3)
    assert 0.7 * 75 * KWH / (15 * 60) == pytest.approx(210e3)


def test_llcb_80_percent_in_12_minutes_peak_c_rate():
    """0-80 %: integral = 0.1/0.5 + 0.4/1 + 0.3/0.75 = 1.0 -> 5 C peak (4 C average); from 10 %: 4 C."""
    assert peak_c_rate_for(TOMTOM, 0.0, 0.80, 12 * 60) * 3600 == pytest.approx(5.0)
    assert peak_c_rate_for(TOMTOM, 0.10, 0.80, 12 * 60) * 3600 == pytest.approx(4.0)


def test_issue_judged_case_75_kwh_800_v_on_350_kw():
    """75 kWh at 800 V, 10-80 %, a 350 kW / 500 A station: peak at most 350 kW, at least 9 min."""
    curve = ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=800.0, peak_c_rate=4 / 3600, taper=TOMTOM,
                                     charger_power=350e3, charger_current=500.0, charger_voltage=920.0))
    w = curve.window(0.10, 0.80)
    assert w.peak_power <= 350e3 * (1 + 1e-12)
    assert w.time >= 0.7 * 75 * KWH / 350e3 - 1e-9          # 9.0 min at full power throughout
    assert w.peak_power >= w.average_power
    # by hand: the cells allow 4 C x 75 kWh = 300 kW at share 1 (10-50 %), 225 kW at 0.75 (50-80 %);
    # both under the station's 350 kW and its 500 A x 800 V = 400 kW, so the battery decides throughout
    assert w.peak_power == pytest.approx(300e3)
    expected = (0.4 * 75 * KWH / 300e3 + 0.3 * 75 * KWH / 225e3)
    assert w.time == pytest.approx(expected, rel=1e-9)
    assert w.decided_by == "battery"


def test_current_limit_at_pack_voltage():
    """A 400 V pack on a 500 A / 350 kW charger gets 200 kW: the current decides."""
    curve = ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=400.0, charger_power=350e3,
                                     charger_current=500.0))
    w = curve.window(0.1, 0.8)
    assert w.peak_power == pytest.approx(200e3)
    assert w.limited_by == {"charger current": pytest.approx(1.0)}
    assert w.limit_spans == (("charger current", 0.1, 0.8),)


def test_voltage_curve_moves_the_current_limit():
    v = Table((0.0, 1.0), (350.0, 420.0))          # linear
    curve = ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=400.0, voltage=v, charger_current=500.0))
    assert curve.power_at(np.array([0.0, 0.5, 1.0])) == pytest.approx([175e3, 192.5e3, 210e3], rel=1e-12)
    # time = integral E ds / (I (350 + 70 s)) = E / (70 I) ln(420/350)
    expected = 75 * KWH / (70 * 500.0) * math.log(420 / 350)
    assert curve.time(0.0, 1.0) == pytest.approx(expected, rel=1e-6)


def test_soc_after_inverts_time():
    curve = ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=400.0, peak_c_rate=2 / 3600, taper=TOMTOM))
    t = curve.time(0.2, 0.7)
    assert curve.soc_after(0.2, t) == pytest.approx(0.7, abs=1e-9)
    assert curve.added_in(0.2, 1e9, to_soc=0.8) == pytest.approx(0.6)


def test_pack_above_charger_voltage_is_refused():
    with pytest.raises(BatcalcError, match="above the charger's 500 V"):
        ChargeCurve(ChargeLimits(pack_energy=75 * KWH, nominal_voltage=800.0, charger_power=50e3,
                                 charger_voltage=500.0))


@pytest.mark.parametrize("kwargs, match", [
    (dict(pack_energy=0.0, nominal_voltage=400.0, charger_power=1.0), "pack energy"),
    (dict(pack_energy=1.0, nominal_voltage=400.0), "nothing limits"),
    (dict(pack_energy=1.0, nominal_voltage=400.0, charger_power=-5.0), "charger power"),
    (dict(pack_energy=1.0, nominal_voltage=400.0, peak_c_rate=1.0, taper=Table((0.0, 0.5), (0.0, 1.0), step=True)),
     "zero at 0.0 % SoC"),
])
def test_impossible_limits_are_refused(kwargs, match):
    with pytest.raises(BatcalcError, match=match):
        ChargeCurve(ChargeLimits(**kwargs))


def test_tables_are_checked():
    with pytest.raises(BatcalcError):
        Table((0.5, 0.2), (1.0, 1.0))
    with pytest.raises(BatcalcError):
        Table((0.0,), (float("nan"),))
    assert flat(2.0).at(np.array([0.0, 0.99])) == pytest.approx([2.0, 2.0])


socs = st.floats(0.0, 1.0)
limits = st.builds(
    ChargeLimits, pack_energy=st.floats(1 * KWH, 300 * KWH), nominal_voltage=st.floats(200.0, 1000.0),
    peak_c_rate=st.floats(0.2 / 3600, 6 / 3600), taper=st.just(TOMTOM),
    charger_power=st.one_of(st.none(), st.floats(10e3, 1e6)),
    charger_current=st.one_of(st.none(), st.floats(50.0, 1000.0)))


@settings(max_examples=60, deadline=None)
@given(limits, socs, socs, socs)
def test_time_is_additive_over_adjacent_windows(lim, a, b, c):
    a, b, c = sorted((a, b, c))
    if not (b - a >= 1e-6 and c - b >= 1e-6):
        return
    curve = ChargeCurve(lim)
    assert curve.time(a, c) == pytest.approx(curve.time(a, b) + curve.time(b, c), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(limits, st.floats(1.01, 3.0), socs, socs)
def test_more_charger_power_or_current_is_never_slower(lim, k, a, b):
    a, b = sorted((a, b))
    if not b - a >= 1e-6:
        return
    from dataclasses import replace

    base = ChargeCurve(lim).time(a, b)
    more_p = replace(lim, charger_power=None if lim.charger_power is None else lim.charger_power * k)
    more_i = replace(lim, charger_current=None if lim.charger_current is None else lim.charger_current * k)
    assert ChargeCurve(more_p).time(a, b) <= base * (1 + 1e-12)
    assert ChargeCurve(more_i).time(a, b) <= base * (1 + 1e-12)
    w = ChargeCurve(lim).window(a, b)
    assert w.peak_power >= w.average_power * (1 - 1e-12)
    assert sum(w.limited_by.values()) == pytest.approx(1.0)


def test_shipped_tapers_are_the_published_typical_curve():
    """specs/tapers.yaml against TomTom's published piecewise-constant curve (typed from the page):
    0-10 % 50 %, 10-50 % 100 %, 50-80 % 75 %, 80-90 % 35 %, 90-100 % 20 % of peak."""
    from batcalc.physics.charge_curve import taper

    published = {0.05: 0.50, 0.3: 1.00, 0.65: 0.75, 0.85: 0.35, 0.95: 0.20}
    for tid in ("typical-dc", "typical-dc-lfp", "typical-dc-silicon", "typical-dc-solid-state"):
        t = taper(tid)
        assert t.table.step and t.source == "tomtom-charging-parameters"
        assert list(t.table.at(np.array(list(published)))) == pytest.approx(list(published.values()))
    assert taper("typical-dc").grade == "reference"
    assert taper("typical-dc-solid-state").grade == "assumption"


@pytest.mark.parametrize("chemistry, family", [
    ("LFP / graphite (no silicon found in the anode)", "lfp"),
    ("NMC811 / graphite (no silicon found in the anode)", "nmc"),
    ("all-solid-state, advanced silicon anode", "solid-state"),
    ("semi-solid-state (about 10 % liquid content)", "solid-state"),
    ("silicon nanowire anode lithium-ion (cathode not stated)", "silicon"),
    ("lithium-ion (Panasonic NCR series)", "nmc"),
    (None, "nmc"),
])
def test_family_of_chemistry(chemistry, family):
    from batcalc.physics.charge_curve import default_taper, family_of

    assert family_of(chemistry) == family
    assert family in default_taper(chemistry).id or (family == "nmc" and default_taper(chemistry).id == "typical-dc")


def test_unknown_taper_is_named():
    from batcalc.physics.charge_curve import taper

    with pytest.raises(BatcalcError, match="no taper 'x'; known: typical-dc"):
        taper("x")


def test_windows_narrower_than_a_millionth_are_refused():
    curve = ChargeCurve(ChargeLimits(pack_energy=KWH, nominal_voltage=400.0, charger_power=1e3))
    with pytest.raises(BatcalcError, match="must rise by at least"):
        curve.window(0.5, 0.5 + 1e-9)
    with pytest.raises(BatcalcError, match="must rise"):
        curve.time(0.8, 0.1)


def test_llcb_claim_implies_5_c_and_4_c_peaks():
    """Huineng LLCB "80 % in 12 minutes", start open: 4 C / 3.5 C on average (0 % / 10 % start), and
    5 C / 4 C at the peak under the typical taper (hand calculation above)."""
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import implied_peaks

    peaks = implied_peaks(load_cell("huineng-llcb"))
    assert [(p.from_soc, round(p.average_c_rate * 3600, 6), round(p.peak_c_rate * 3600, 6)) for p in peaks] == \
        [(0.0, 4.0, 5.0), (0.1, 3.5, 4.0)]


def test_charge_curve_of_a_cell_on_a_catalogue_charger():
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import charge_curve, charger

    ccs = charger("ccs2")
    curve = charge_curve(load_cell("huineng-llcb"), 75 * KWH, 800.0, ccs, peak_c_rate=4 / 3600)
    w = curve.window(0.1, 0.8)
    assert w.peak_power <= ccs.power * (1 + 1e-12) and w.time >= 0.7 * 75 * KWH / ccs.power
    with pytest.raises(BatcalcError, match="no charger 'ccs3'; did you mean"):
        charger("ccs3")
    with pytest.raises(BatcalcError, match="no rated charge C-rate"):
        charge_curve(load_cell("huineng-llcb"), 75 * KWH)


def test_cell_limit_precedence():
    """--peak-c-rate over the rating; the rating over the claim; the claim's least implied peak (10 % start:
    4 C for the LLCB, not the 0 % start's 5 C); without rating or claim, no cell limit."""
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import cell_limit

    llcb = load_cell("huineng-llcb")
    lim = cell_limit(llcb)
    assert lim.peak_from == "claim" and lim.peak_c_rate * 3600 == pytest.approx(4.0, rel=1e-9)
    assert cell_limit(llcb, peak_c_rate=2 / 3600).peak_from == "option"
    assert cell_limit(llcb, use_claims=False).peak_c_rate is None
    samsung = load_cell("samsung-inr21700-50e")
    assert cell_limit(samsung).peak_from == "rating" and cell_limit(samsung).peak_c_rate * 3600 == pytest.approx(1.0)
    none = cell_limit(load_cell("gac-aion-ssb-350"))
    assert none.peak_from == "none" and none.peak_c_rate is None
    assert cell_limit(llcb, taper_id="typical-dc-lfp").taper_id == "typical-dc-lfp"


def test_curve_for_the_judged_case_by_hand():
    """75 kWh, 800 V, LLCB at its implied 4 C under the typical taper on ccs-350kw: 300 kW up to 50 %, 225 kW
    to 80 % (the cell limits throughout; 350 kW and 500 A x 800 V = 400 kW are above it):
    t = 0.4 x 75 / 300 + 0.3 x 75 / 225 h = 0.1 + 0.1 h = 12 min."""
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import cell_limit, charger, curve_for

    w = curve_for(cell_limit(load_cell("huineng-llcb")), 75 * KWH, 800.0, charger("ccs-350kw")).window(0.1, 0.8)
    assert w.time == pytest.approx(12 * 60, rel=1e-9)
    assert w.peak_power == pytest.approx(300e3, rel=1e-9)
    assert w.limit_spans == (("battery", 0.1, 0.8),)


def test_pack_voltage_from_the_series_count_and_the_cells_voltage_curve(tmp_path):
    """A 3.6 V cell in a 400 V pack: round(400 / 3.6) = 111 in series; on a 500 A charger the power is
    500 A x 111 x V_cell(s), e.g. 500 x 111 x 3.9 V = 216.45 kW at 60 % SoC (linear 3.6 V at 40 %, 4.2 V
    at 100 %: 3.6 + 0.6 x 20/60 = 3.8 V at 60 %, so 210.9 kW)."""
    from batcalc.physics.cells import load_cell
    from batcalc.physics.charging import ChargerLimits, cell_limit, curve_for, pack_voltage_curve

    cell = tmp_path / "c.yaml"
    cell.write_text("kind: cell\nid: c\nname: C\nelectrical:\n  nominal_voltage: 3.6 V\n  capacity: 5 Ah\n"
                    "  voltage_curve:\n    points:\n      - {soc: 0 %, voltage: 3.0 V}\n"
                    "      - {soc: 40 %, voltage: 3.6 V}\n      - {soc: 100 %, voltage: 4.2 V}\n"
                    "charging:\n  max_c_rate: 10 C\n")
    c = load_cell(str(cell))
    series, table = pack_voltage_curve(c, 400.0)
    assert series == 111
    assert list(table.value) == pytest.approx([333.0, 399.6, 466.2])
    station = ChargerLimits("x", "x", power=None, current=500.0, max_voltage=1000.0)
    curve = curve_for(cell_limit(c, None, None), 75 * KWH, 400.0, station, table)
    assert curve.power_at(np.array([0.6]))[0] == pytest.approx(500 * 111 * 3.8)
    assert pack_voltage_curve(load_cell("gac-aion-ssb-350"), 400.0) is None       # no curve: nominal throughout
