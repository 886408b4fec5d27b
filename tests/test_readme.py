"""README.md's examples print what batcalc really prints, and its set-up commands match CI."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "tools" / "readme_examples.py")
readme_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_examples)

EXAMPLES = list(readme_examples.examples(README.read_text(encoding="utf-8")))


def test_readme_has_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("args, printed", EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_example_output_is_real(args, printed):
    assert readme_examples.run_example(args) == printed, \
        "README is stale: run `python tools/readme_examples.py` and review the diff"


def test_ci_runs_the_readme_commands():
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for marker in ("setup-run", "setup-test"):
        start = text.index(f"<!-- {marker} -->")
        block = text[start:].split("```sh\n", 1)[1].split("```", 1)[0].strip()
        assert block in ci, f"README's {marker} command is not what .ci/run runs"


def test_readme_limits_match_the_code():
    import re

    from batcalc import units
    from batcalc.io import yamlfile
    from batcalc.spec import model as spec

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Limits"):text.index("## Performance")]
    pairs = re.findall(r"([0-9][0-9e.+-]*)[^|(]*\(`([A-Z_]+)`", section)
    assert len(pairs) >= 14
    for number, name in pairs:
        value = next(getattr(m, name) for m in (yamlfile, units, spec) if hasattr(m, name))
        assert float(number) == value, (name, number, value)
