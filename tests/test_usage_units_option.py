"""New-user review: docs/usage.md said every command that prints a table takes `--format` and
`--units`; `batcalc convert ... --units imperial` said "No such option: --units". The page names the
commands that take --format without --units, and this test holds it to the commands' options."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from batcalc.cli.main import app

USAGE = (Path(__file__).resolve().parent.parent / "docs" / "usage.md").read_text(encoding="utf-8")


def _options() -> dict[str, set[str]]:
    group = typer.main.get_command(app)
    return {name: {o for p in cmd.params for o in getattr(p, "opts", [])}
            for name, cmd in group.commands.items()}


def test_the_exceptions_named_are_the_commands_without_units():
    sentence = " ".join(USAGE.split("## Output formats and units", 1)[1].strip().split("\n\n", 1)[0].split())
    m = re.search(r"`--units metric\|imperial`, except (.*?), whose", sentence)
    assert m, sentence
    named = set(re.findall(r"`([a-z-]+)`", m.group(1)))
    without = {name for name, opts in _options().items() if "--format" in opts and "--units" not in opts}
    assert named == without == {"convert"}


def test_the_commands_said_to_take_units_do():
    opts = _options()
    assert "--units" in opts["lint"] and all("--format" not in o or "--units" in o
                                             for name, o in opts.items() if name != "convert")
