"""Twelfth pass: docs/usage.md said `range`, `tradeoff`, `consumption` and `normalise` take --extra-mass,
--ambient and --altitude (and that --ambient/--altitude set the air density on those four), though
`sweep`, `charge`, `plot range`, `plot tornado` and `plot charge` take them too since the eleventh pass.
Every command whose --help offers --ambient is named in both places."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"range": ["range"], "tradeoff": ["tradeoff"], "consumption": ["consumption"],
            "normalise": ["normalise"], "sweep": ["sweep"], "charge": ["charge"], "plot range": ["plot", "range"],
            "plot tornado": ["plot", "tornado"], "plot charge": ["plot", "charge"], "plot density": ["plot", "density"],
            "check": ["check"], "claim": ["claim"], "show": ["show"], "compare": ["compare"], "list": ["list"],
            "convert": ["convert"], "lint": ["lint"]}


def _paragraphs() -> tuple[str, str]:
    text = " ".join((ROOT / "docs" / "usage.md").read_text(encoding="utf-8").split())
    options = text[text.index("also take `--extra-mass`") - 200:text.index("also take `--extra-mass`")]
    air = text[text.index("set the air density (ISO 2533"):text.index("`--climate heat-pump` or")]
    return options, air


def test_every_command_taking_the_conditions_is_named(run):
    options, air = _paragraphs()
    for name, args in COMMANDS.items():
        takes = "--ambient" in run(*args, "--help").stdout
        named = f"`{name}`" in options
        assert takes == named, (name, takes, named)
        assert takes == (f"`{name}`" in air), name
