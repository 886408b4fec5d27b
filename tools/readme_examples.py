"""Run the ``$ batcalc ...`` examples in README.md and docs/*.md and check or rewrite their output.

    python tools/readme_examples.py          # rewrite the outputs in every documented file from real runs
    python tools/readme_examples.py --check  # exit 1 if any output differs (tests do this too)

An example is a ```console block whose first line is ``$ batcalc ARGS``; the rest of the block is
what the command prints (stdout, then stderr). Examples run in the repository's root folder, so a
path in ARGS is relative to it. Any Markdown file in docs/ may hold examples: it is checked as soon as
it has one. README.md's count of the catalogue, "(N cells, M vehicles, ...)", is checked and rewritten
with them (a cell added to specs/cells changes it).
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK_RE = re.compile(r"```console\n\$ batcalc (?P<args>[^\n]*)\n(?P<out>.*?)```", re.DOTALL)
COUNT_RE = re.compile(r"\((\d+) cells, (\d+) vehicles,")
NUMBER_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
#: The relative difference two printed full-precision numbers may have and still be the same figure. CSV
#: and JSON print 15 significant digits, whose last one or two can change between numpy releases, which may
#: sum a cycle trace in another order (and a last digit that becomes 0 is not printed).
SAME_FIGURE = 1e-12
#: The significant digits from which a printed number is a full-precision float, compared within
#: :data:`SAME_FIGURE`; a figure printed to fewer digits must print the same text.
FULL_PRECISION = 12


def documents() -> list[Path]:
    """The files whose examples are run: README.md, then docs/*.md in name order."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


def run_example(args: str) -> str:
    """What ``batcalc ARGS`` prints, stdout then stderr, trailing spaces removed."""
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(app, shlex.split(args))
    text = result.stdout + (result.stderr or "")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines()) + "\n"


def same_output(real: str, documented: str) -> bool:
    """True when ``real`` is ``documented``: the same text, where a full-precision number (both printed with
    at least :data:`FULL_PRECISION` significant digits) may differ from the documented one by at most
    :data:`SAME_FIGURE` of its size (rounding in its last digits). Any other difference is a difference."""
    if real == documented:
        return True
    if NUMBER_RE.split(real) != NUMBER_RE.split(documented):
        return False
    ours, theirs = NUMBER_RE.findall(real), NUMBER_RE.findall(documented)
    return len(ours) == len(theirs) and all(
        a == b or (_digits(a) >= FULL_PRECISION and _digits(b) >= FULL_PRECISION
                   and abs(float(a) - float(b)) <= SAME_FIGURE * abs(float(b)))
        for a, b in zip(ours, theirs, strict=True))


def _digits(number: str) -> int:
    """The significant digits a printed number shows ('0.0012340' 5, '117.05891220368' 14)."""
    mantissa = re.split(r"[eE]", number.lstrip("+-"))[0].replace(".", "")
    return len(mantissa.lstrip("0"))


def examples(text: str):
    """Yield (args, printed output in the document) for each example block of ``text``."""
    for m in BLOCK_RE.finditer(text):
        yield m.group("args"), m.group("out")


def all_examples() -> list[tuple[str, str, str]]:
    """(file relative to the root, args, printed output) for every example in :func:`documents`."""
    return [(path.relative_to(ROOT).as_posix(), args, out)
            for path in documents() for args, out in examples(path.read_text(encoding="utf-8"))]


def counted(text: str) -> str:
    """``text`` with its "(N cells, M vehicles," saying how many cells and vehicles the catalogue holds."""
    from batcalc.spec.catalog import catalog_ids

    return COUNT_RE.sub(f"({len(catalog_ids('cell'))} cells, {len(catalog_ids('vehicle'))} vehicles,", text)


def refresh(path: Path) -> bool:
    """Rewrite the outputs of ``path``'s examples from real runs (and README.md's count of the catalogue,
    :func:`counted`); True when the file changed. An output that is :func:`same_output` as the
    documented one is left as it is."""
    text = path.read_text(encoding="utf-8")

    def rerun(m: re.Match[str]) -> str:
        real = run_example(m.group("args"))
        out = m.group("out") if same_output(real, m.group("out")) else real
        return f"```console\n$ batcalc {m.group('args')}\n{out}```"

    new = BLOCK_RE.sub(rerun, text)
    new = counted(new) if path == README else new
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = [(name, args) for name, args, out in all_examples() if not same_output(run_example(args), out)]
        for name, args in bad:
            print(f"{name}: example differs from a real run: batcalc {args}")
        text = README.read_text(encoding="utf-8")
        if counted(text) != text:
            print("README.md: the count of cells and vehicles differs from the catalogue's")
        return 1 if bad or counted(text) != text else 0
    for path in documents():
        if refresh(path):
            print(f"rewrote {path.relative_to(ROOT).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
