"""docs/claims.md: every example runs. YAML blocks of claims files are checked here (the verdicts a
block states in its last line, ``# verdicts: holds, ...``, are the ones batcalc gives); the
``$ batcalc claim ...`` console blocks are run and compared by tests/test_readme.py
(tools/readme_examples.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from batcalc.claims.check import check_file

DOC = Path(__file__).resolve().parent.parent / "docs" / "claims.md"
BLOCKS = [m.group(1) for m in re.finditer(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)]


def test_the_page_has_examples_of_each_new_feature():
    text = DOC.read_text(encoding="utf-8")
    assert len(BLOCKS) >= 3
    for needle in ("kind: expression", 'a: "?"', "$ batcalc claim ratio a=?", "--qualifier between"):
        assert needle in text, needle


@pytest.mark.parametrize("k", range(len(BLOCKS)))
def test_every_yaml_example_runs_and_gives_the_verdicts_it_states(k, tmp_path):
    block = BLOCKS[k]
    assert block.startswith("kind: claims\n"), f"docs/claims.md YAML block {k + 1} is not a claims file"
    path = tmp_path / f"block{k + 1}.yaml"
    path.write_text(block, encoding="utf-8")
    _, verdicts = check_file(str(path))
    stated = re.search(r"^# verdicts: (.*)$", block, re.MULTILINE)
    if stated:
        assert [v.status for v in verdicts] == [s.strip() for s in stated.group(1).split(",")], f"block {k + 1}"
