"""Run the ``$ batcalc ...`` examples in README.md and check or rewrite their output.

    python tools/readme_examples.py          # rewrite the outputs in README.md from real runs
    python tools/readme_examples.py --check  # exit 1 if any output differs (tests do this too)

An example is a ```console block whose first line is ``$ batcalc ARGS``; the rest of the block is
what the command prints (stdout, then stderr).
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK_RE = re.compile(r"```console\n\$ batcalc (?P<args>[^\n]*)\n(?P<out>.*?)```", re.DOTALL)


def run_example(args: str) -> str:
    """What ``batcalc ARGS`` prints, stdout then stderr, trailing spaces removed."""
    from typer.testing import CliRunner

    from batcalc.cli.main import app

    with contextlib.chdir(README.parent):
        result = CliRunner().invoke(app, shlex.split(args))
    text = result.stdout + (result.stderr or "")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines()) + "\n"


def examples(text: str):
    """Yield (args, printed output in the README) for each example block."""
    for m in BLOCK_RE.finditer(text):
        yield m.group("args"), m.group("out")


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    if "--check" in argv:
        bad = [args for args, out in examples(text) if run_example(args) != out]
        for args in bad:
            print(f"README example differs from a real run: batcalc {args}")
        return 1 if bad else 0
    new = BLOCK_RE.sub(lambda m: f"```console\n$ batcalc {m.group('args')}\n{run_example(m.group('args'))}```", text)
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
