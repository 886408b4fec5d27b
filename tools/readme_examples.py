"""Run the ``$ batcalc ...`` examples in README.md and docs/*.md and check or rewrite their output.

    python tools/readme_examples.py          # rewrite the outputs in every documented file from real runs
    python tools/readme_examples.py --check  # exit 1 if any output differs (tests do this too)

An example is a ```console block whose first line is ``$ batcalc ARGS``; the rest of the block is
what the command prints (stdout, then stderr). Examples run in the repository's root folder, so a
path in ARGS is relative to it. Any Markdown file in docs/ may hold examples: it is checked as soon as
it has one.
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


def examples(text: str):
    """Yield (args, printed output in the document) for each example block of ``text``."""
    for m in BLOCK_RE.finditer(text):
        yield m.group("args"), m.group("out")


def all_examples() -> list[tuple[str, str, str]]:
    """(file relative to the root, args, printed output) for every example in :func:`documents`."""
    return [(path.relative_to(ROOT).as_posix(), args, out)
            for path in documents() for args, out in examples(path.read_text(encoding="utf-8"))]


def refresh(path: Path) -> bool:
    """Rewrite the outputs of ``path``'s examples from real runs; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    new = BLOCK_RE.sub(lambda m: f"```console\n$ batcalc {m.group('args')}\n{run_example(m.group('args'))}```", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = [(name, args) for name, args, out in all_examples() if run_example(args) != out]
        for name, args in bad:
            print(f"{name}: example differs from a real run: batcalc {args}")
        return 1 if bad else 0
    for path in documents():
        if refresh(path):
            print(f"rewrote {path.relative_to(ROOT).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
