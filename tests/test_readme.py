"""The documented examples (README.md and docs/*.md) print what batcalc really prints, and README's
set-up commands match CI."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "tools" / "readme_examples.py")
readme_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_examples)

EXAMPLES = readme_examples.all_examples()


def test_readme_and_tutorial_have_examples():
    names = [name for name, _, _ in EXAMPLES]
    assert names.count("README.md") >= 2
    assert names.count("docs/tutorial.md") >= 15


def test_every_markdown_file_in_docs_is_searched():
    assert set(readme_examples.documents()) == {README, *(ROOT / "docs").glob("*.md")}


@pytest.mark.parametrize("name, args, printed", EXAMPLES, ids=[f"{n}: {a}" for n, a, _ in EXAMPLES])
def test_example_output_is_real(name, args, printed):
    assert readme_examples.same_output(readme_examples.run_example(args), printed), \
        f"{name} is stale: run `python tools/readme_examples.py` and review the diff"


def test_documented_figures_may_differ_only_in_the_last_digits_of_a_full_precision_float():
    same = readme_examples.same_output
    # 437.79268223564 and 437.79268223563 differ by 1e-11, 2.3e-14 of the figure: a numpy release
    # summing in another order, not another result.
    assert same("range,437.79268223563,km\n", "range,437.79268223564,km\n")
    assert not same("range,437.8,km\n", "range,437.9,km\n")            # a changed figure
    assert not same("range,437.79268,km\n", "range,437.79269,km\n")     # 2.3e-8 of it
    assert not same("range,437.8,km\n", "range,437.80,km\n")           # a changed format
    assert not same("range,437.8,mi\n", "range,437.8,km\n")            # a changed unit
    assert not same("range,437.8,km\n", "range,437.8,km,extra\n")
    assert not same("437.79268223563\n", "-437.79268223563\n")
    # printed with %.15g, a last digit that becomes 0 is dropped: 117.058912203682 -> 117.05891220368 (1.7e-14)
    assert same("range,117.05891220368,km\n", "range,117.058912203682,km\n")
    assert not same("1E5\n", "1e5\n")                                 # a changed text, not a rounding
    assert not same("range,437.8,km\n", "range,437.80000000001,km\n")   # a short figure is compared as text


def test_ci_runs_the_readme_commands():
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for marker in ("setup-run", "setup-test"):
        start = text.index(f"<!-- {marker} -->")
        block = text[start:].split("```sh\n", 1)[1].split("```", 1)[0].strip()
        assert block in ci, f"README's {marker} command is not what .ci/run runs"


def test_readme_is_short():
    """Issue 10: README.md is read in five minutes; everything else lives in docs/."""
    assert len(README.read_text(encoding="utf-8")) <= 10_000


def _command_table() -> list[tuple[str, str]]:
    import re

    text = README.read_text(encoding="utf-8")
    table = text[text.index("<!-- commands -->"):].split("\n\n", 1)[0]
    return re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| `batcalc ([^`]+)` \|$", table, re.MULTILINE)


def test_command_table_names_every_command():
    from batcalc.cli.main import app

    rows = _command_table()
    names = [name for name, _ in rows]
    assert len(names) == len(set(names))
    assert set(names) == {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for name, example in rows:
        assert example.split()[0] == name, (name, example)


@pytest.mark.parametrize("name, example", _command_table(), ids=[n for n, _ in _command_table()])
def test_command_table_examples_run(name, example, tmp_path, monkeypatch):
    """Each example in README's command table runs as shown (1 is a failed claim, not an error)."""
    import shlex

    from typer.testing import CliRunner

    from batcalc.cli.main import app

    if name == "plot":
        pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)          # `new` and `plot` write files
    args = [str(ROOT / a) if (ROOT / a).is_file() else a for a in shlex.split(example)]   # files in the checkout
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), (example, result.stdout, result.stderr)
    assert result.stdout.strip()


def test_readme_counts_the_catalogue():
    """README's "(N cells, M vehicles, ...)" is the catalogue's count, not a number written once."""
    import re

    from batcalc.spec.catalog import catalog_ids

    found = re.search(r"\((\d+) cells, (\d+) vehicles,", README.read_text(encoding="utf-8"))
    assert found, "README.md no longer says how many cells and vehicles the catalogue has"
    assert (int(found[1]), int(found[2])) == (len(catalog_ids("cell")), len(catalog_ids("vehicle")))


def test_refreshing_the_examples_refreshes_the_catalogue_count():
    """CONTRIBUTING's "Add a catalogue cell", step 7: refresh the examples (`tools/readme_examples.py`) for
    the outputs the catalogue appears in, "the cell count in README.md" among them; the tool left the count
    as it was and test_readme_counts_the_catalogue failed on a cell added as the steps say."""
    from batcalc.spec.catalog import catalog_ids

    cells, vehicles = len(catalog_ids("cell")), len(catalog_ids("vehicle"))
    stale = f"Every figure in the built-in catalogue ({cells - 1} cells, {vehicles} vehicles, charger classes) ..."
    assert readme_examples.counted(stale) == stale.replace(f"({cells - 1} cells", f"({cells} cells")
    text = README.read_text(encoding="utf-8")
    assert readme_examples.counted(text) == text
