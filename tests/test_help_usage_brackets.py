"""New-user review: ``batcalc charge --help`` began "Usage: batcalc charge [OPTIONS] [[CELL]]": the
argument's name carried its own brackets, and click adds those of an optional argument. Every
command's usage line names its arguments once, optional ones in one pair of brackets."""

from __future__ import annotations

import re

import pytest

from batcalc.cli.main import app

COMMANDS = sorted(c.name for c in app.registered_commands if c.name)


def test_the_commands_are_found():
    assert {"charge", "range", "check", "claim"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_usage_line_brackets_each_argument_once(run, command):
    out = run(command, "--help")
    assert out.exit_code == 0
    usage = next(line for line in out.stdout.splitlines() if line.startswith("Usage:"))
    assert not re.search(r"\[\[|\]\]|\{\{|\}\}", usage), usage


def test_charge_shows_its_cell_as_optional(run):
    usage = run("charge", "--help").stdout.splitlines()[0]
    assert usage == "Usage: batcalc charge [OPTIONS] [CELL]"
