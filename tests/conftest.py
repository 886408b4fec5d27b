"""Shared fixtures: a CLI runner and a helper to write spec files into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batcalc.cli.main import app


@pytest.fixture
def run():
    """Run the CLI in-process: ``run("compare", "a", "b")`` -> click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(app, list(args))
    return _run


@pytest.fixture
def write(tmp_path: Path):
    """Write dedented YAML text to ``tmp_path/name`` and return the path as a string."""
    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return str(path)
    return _write
