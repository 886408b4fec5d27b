"""Issue 10, eighth pass: an ``--assume`` the result does not read is named, in every command and in
point mode as with --bands (it was silent without --bands: the value given changed nothing, unsaid);
one the result reads is not (with --bands, a point range such as 'usable-fraction=0.9' was called
"not used here" though the usable energy moved with it)."""

from __future__ import annotations

import pytest
from vehicle_commands import vehicle_commands

#: compact-car's spec states its transmission efficiency (92 %): the default assumption is not read
COMMANDS = vehicle_commands("compact-car", "ccs-180kw")
#: which of those read the charger efficiency (the charging commands) and the usable fraction
READS_CHARGER_EFFICIENCY = {"charge", "charge on a curve"}


def _note(ids: str) -> str:
    return f"--assume {ids}: not used here"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_assumption_the_vehicle_states_is_named_not_used(run, name):
    out = run(*COMMANDS[name], "--assume", "transmission-efficiency=0.5")
    assert out.exit_code == 0, out.stderr
    assert _note("transmission-efficiency") in out.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_charger_efficiency_is_named_only_where_nothing_reads_it(run, name):
    out = run(*COMMANDS[name], "--assume", "charger-efficiency=0.8")
    assert out.exit_code == 0, out.stderr
    assert (_note("charger-efficiency") in out.stdout) == (name not in READS_CHARGER_EFFICIENCY)


def test_an_assumption_the_range_reads_is_not_named_and_moves_it(run):
    import json

    base = run(*COMMANDS["range"], "-f", "json")
    at_90 = run(*COMMANDS["range"], "--assume", "usable-fraction=0.9")
    assert at_90.exit_code == 0 and "not used" not in at_90.stdout
    usable = json.loads(base.stdout)["results"]["usable_energy"]["value"]
    moved = json.loads(run(*COMMANDS["range"], "--assume", "usable-fraction=0.9", "-f", "json").stdout)
    # 93 % by default -> 90 %: the usable energy scales with the fraction (the pack is the same)
    assert moved["results"]["usable_energy"]["value"] == pytest.approx(usable * 0.90 / 0.93, rel=1e-5)


def test_bands_with_a_point_assumption_the_result_reads_do_not_call_it_unused(run):
    """A point range (zero width) is no axis of the box, but the result still reads it."""
    out = run(*COMMANDS["range"], "--bands", "--assume", "usable-fraction=0.9")
    assert out.exit_code == 0, out.stderr
    assert "not used" not in out.stdout
    both = run(*COMMANDS["range"], "--bands", "--assume", "usable-fraction=0.9",
               "--assume", "transmission-efficiency=0.5")
    assert _note("transmission-efficiency") in both.stdout and "usable-fraction: not used" not in both.stdout


def test_check_and_claim_name_an_assumption_no_claim_reads(run):
    unread = run("check", "seed-article", "--assume", "transmission-efficiency=0.5")
    assert unread.exit_code == 1            # the seed article has a claim that fails
    assert _note("transmission-efficiency") in unread.stdout
    # the 1000 km claim sizes the pack it would take with the usable fraction: read
    read = run("check", "seed-article", "--assume", "usable-fraction=0.8")
    assert "not used" not in read.stdout
    ratio = run("claim", "ratio", "a=1", "b=2", "--asserted", "2", "--assume", "usable-fraction=0.9")
    assert ratio.exit_code == 0 and _note("usable-fraction") in ratio.stdout
