"""Charge claims on a cell whose own charge curve falls to 0 C before the claim's window ends.

Since the curve stops there (``ChargeCurve.stop``: ``batcalc charge`` refuses a window past it, ``charge
--implied`` lists such a claim as none), a charge claim whose peak was read on that curve stopped the whole
claims file with "charging power is zero from 95.0 % SoC ..." (exit 2), and a time claim past it held on the
cell's rating alone. No charge passes the stop at any C-rate, so a time or a peak claim past it fails and
says where the curve stops; an average's arithmetic is judged as before, with a note.

The cell: a step curve of 2 C to 40 %, 3 C to 95 %, 0 C from 95 % (peak 3 C: share 2/3, then 1, then 0).
"""

from __future__ import annotations

import json

import pytest

CELL = """kind: cell
id: stop-cell
name: A cell that takes no charge above 95 %
chemistry: NMC
electrical: {nominal_voltage: 3.6 V, capacity: 100 Ah}
charging:
{rating}  charge_curve:
    shape: step
    points:
      - {soc: 0 %, c_rate: 2 C}
      - {soc: 40 %, c_rate: 3 C}
      - {soc: 95 %, c_rate: 0 C}
"""

PAST = ("from_soc=10 %", "to_soc=100 %", "time=30 min")        # 1.8 C average (0.9 in 0.5 h)


@pytest.fixture
def cell(write) -> str:
    return write("stop-cell.yaml", CELL.replace("{rating}", ""))


def _verdict(run, *args: str) -> dict:
    r = run("claim", "charge", *args, "--format", "json")
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)["verdicts"][0]


def _past_stop(d: dict) -> None:
    """The verdict says where the curve stops and what it would take."""
    assert any("own charge curve (charging.charge_curve) is 0 from 95 %" in n and "none reaches 100 %" in n
               for n in d["assumptions"]), d["assumptions"]
    assert d["would_take"].startswith("a window that ends by 95 %"), d["would_take"]


@pytest.mark.parametrize("asserted, extra", [
    ("400 kW", ("pack_energy=75 kWh", "power_kind=peak")),
    ("400 kW", ("pack_energy=75 kWh", "--qualifier", "up-to")),         # 'up to': a peak
    ("4 C", ("power_kind=peak",)),
    ("4 C", ("power_kind=peak", "--qualifier", "at-least")),            # no peak, however high, charges it
])
def test_a_peak_past_the_stop_fails_instead_of_exit_2(run, cell, asserted, extra):
    """Was exit 2, 'charging power is zero from 95.0 % SoC ...'; now FAILS, the peak needed none."""
    d = _verdict(run, f"cell={cell}", *PAST, *extra, "--asserted", asserted)
    assert d["verdict"] == "fails" and d["derived"] is None and d["needed"] is None
    assert "peak needed: none (the curve stops at 95 %)" in d["derived_text"]
    _past_stop(d)


def test_a_peak_between_bounds_past_the_stop_fails(run, cell):
    """A 'between' peak, from an open start (0 % and 10 %: both windows end at 100 %)."""
    d = _verdict(run, f"cell={cell}", "to_soc=100 %", "time=30 min", "pack_energy=75 kWh", "power_kind=peak",
                 "--asserted", "300 to 400 kW", "--qualifier", "between")
    assert d["verdict"] == "fails"
    _past_stop(d)


def test_a_peak_below_the_stop_is_read_on_the_curve_as_before(run, cell):
    """10 -> 80 % in 12 min (0.2 h): C_peak = (0.3 / (2/3) + 0.4 / 1) / 0.2 h = 4.25 C; x 75 kWh = 318.75 kW."""
    d = _verdict(run, f"cell={cell}", "from_soc=10 %", "to_soc=80 %", "time=12 min", "pack_energy=75 kWh",
                 "power_kind=peak", "--asserted", "320 kW")
    assert d["verdict"] == "holds"
    assert d["derived"]["value"] == pytest.approx((0.3 / (2 / 3) + 0.4) / 0.2 * 75, rel=1e-6)
    assert not any("is 0 from" in n for n in d["assumptions"])


@pytest.mark.parametrize("qualifier", ["about", "at-most", "at-least"])
def test_a_time_past_the_stop_fails_though_the_rating_allows_it(run, write, qualifier):
    """Rated 3 C: 10 -> 100 % in 30 min is 1.8 C on average, within the rating, and held (at least 30 min
    held as stated); no charge reaches 100 % on this cell, in any time."""
    rated = write("rated.yaml", CELL.replace("{rating}", "  max_c_rate: 3 C\n"))
    d = _verdict(run, f"cell={rated}", "from_soc=10 %", "to_soc=100 %", "--asserted", "30 min",
                 "--qualifier", qualifier)
    assert d["verdict"] == "fails"
    assert [w["c_rate"]["value"] for w in d["details"]["windows"]] == pytest.approx([0.9 / 0.5])
    _past_stop(d)
    below = _verdict(run, f"cell={rated}", "from_soc=10 %", "to_soc=95 %", "--asserted", "30 min",
                     "--qualifier", qualifier)
    assert below["verdict"] == "holds"                      # 1.7 C, within 3 C; 95 % is reached


def test_an_average_past_the_stop_is_judged_on_its_arithmetic_and_noted(run, cell):
    """0.9 x 75 kWh / 0.5 h = 135 kW: an average asserts the claim's arithmetic, which holds; the note says
    the window cannot be charged, as a window above the cell's rating is noted."""
    d = _verdict(run, f"cell={cell}", *PAST, "pack_energy=75 kWh", "--asserted", "135 kW")
    assert d["verdict"] == "holds" and d["derived"]["value"] == pytest.approx(0.9 * 75 / 0.5)
    assert any("is 0 from 95 %" in n and "the average's arithmetic is judged" in n for n in d["assumptions"])


def test_a_claims_file_is_checked_whole(run, write, cell):
    """The claim past the stop no longer stops the file: both claims get a verdict (exit 1: one fails)."""
    path = write("claims.yaml", f"""
        kind: claims
        claims:
          - id: past
            quote: "up to 400 kW, 10-100 % in 30 minutes"
            kind: charge
            inputs: {{cell: {cell}, from_soc: 10 %, to_soc: 100 %, time: 30 min, pack_energy: 75 kWh,
                      power_kind: peak}}
            asserted: 400 kW
          - id: below
            quote: "10-80 % in 12 minutes, up to 320 kW"
            kind: charge
            inputs: {{cell: {cell}, from_soc: 10 %, to_soc: 80 %, time: 12 min, pack_energy: 75 kWh,
                      power_kind: peak}}
            asserted: 320 kW
        """)
    r = run("check", path, "--format", "json")
    assert r.exit_code == 1, r.stderr
    assert [v["verdict"] for v in json.loads(r.stdout)["verdicts"]] == ["fails", "holds"]


def test_a_time_on_a_curve_of_power_per_cell_without_the_cells_energy_is_judged_as_before(run, write):
    """The curve's shape needs the cell's energy when it gives power per cell; a time claim does not read the
    curve and was judged on the rating (1.4 C within 3 C holds): looking for a stop must not refuse it."""
    path = write("power.yaml", """
        kind: cell
        id: power-cell
        name: Power per cell, no energy
        chemistry: NMC
        electrical: {nominal_voltage: 3.6 V}
        charging:
          max_c_rate: 3 C
          charge_curve:
            points:
              - {soc: 0 %, power: 300 W}
              - {soc: 100 %, power: 300 W}
        """)
    d = _verdict(run, f"cell={path}", "from_soc=10 %", "to_soc=80 %", "--asserted", "30 min")
    assert d["verdict"] == "holds" and d["derived"][0]["value"] == pytest.approx(0.7 / 0.5)


def test_no_taper_falls_to_zero():
    """Only a cell's own charge_curve can stop a charge: the claims look for a stop on it alone (no taper
    is loaded for a time claim), which is right only while every taper of specs/tapers.yaml is above 0."""
    from batcalc.physics.charge_curve import taper_stop
    from batcalc.physics.charging import tapers

    assert tapers() and all(taper_stop(t.table) == 1.0 for t, _ in tapers())
    assert all(min(t.table.value) > 0 for t, _ in tapers())


def test_an_average_charge_past_the_stop_is_warned_of_and_the_curve_s_peak_named(run, cell):
    """``batcalc charge`` by time or power (the average mode) took a window past the stop as any other: 0->100 %
    in 30 min, with the note that the cell "gives no max charge C-rate: whether the cell can take these rates
    is not known", though its own curve gives a 3 C peak and takes no charge above 95 %. It warns, as the
    charge along the curve refuses the window, and names the curve's peak; the library's charge() says the
    same."""
    import batcalc as bc

    out = run("charge", cell, "--pack-energy", "75 kWh", "--to", "100 %", "--time", "30 min")
    assert out.exit_code == 0
    assert ("warning: stop-cell's own charge curve (charging.charge_curve) is 0 from 95 %: no charge passes it, "
            "so none reaches 100 % at any C-rate") in out.stdout
    assert "stop-cell gives no max charge C-rate; its own charge curve peaks at 3 C" in out.stdout
    assert "whether the cell can take these rates is not known" not in out.stdout
    within = run("charge", cell, "--pack-energy", "75 kWh", "--to", "95 %", "--time", "30 min")
    assert within.exit_code == 0 and "warning" not in within.stdout         # the stop itself is reached
    r = bc.charge(cell, to_soc="100 %", time="30 min", pack_energy="75 kWh")
    assert any("is 0 from 95 %" in w for w in r.warnings) and any("peaks at 3 C" in n for n in r.assumptions)


def test_a_cell_without_a_curve_is_judged_by_nothing_as_before(run):
    out = run("charge", "tesla-4680", "--pack-energy", "75 kWh", "--to", "80 %", "--time", "30 min")
    assert "tesla-4680 gives no max charge C-rate: whether the cell can take these rates is not known" in out.stdout
    assert "warning" not in out.stdout
