"""`batcalc new` ends with the command to try next; with a file name that has a space, a quote or a leading
dash the command did not work when copied (`batcalc check my claims.yaml` is three arguments; `--vehicle
-v.yaml` an option). The name is shell-quoted there now (and after './' when it starts with '-')."""

from __future__ import annotations

import shlex

import pytest


@pytest.mark.parametrize("kind", ["cell", "vehicle", "claim"])
@pytest.mark.parametrize("name", ["my spec.yaml", "it's.yaml", "-dash.yaml"])
def test_the_command_to_try_runs_as_copied(run, tmp_path, monkeypatch, kind, name):
    monkeypatch.chdir(tmp_path)
    out = run("new", kind, "x", "-o", name)
    assert out.exit_code == 0, out.output
    suggested = out.output.strip().split("then try: ", 1)[1]
    words = shlex.split(suggested)
    assert words[0] == "batcalc" and (tmp_path / words[-1]).resolve() == (tmp_path / name).resolve()
    tried = run(*words[1:])
    assert tried.exit_code in (0, 1), tried.output
