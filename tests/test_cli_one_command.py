"""The console script builds only the command it runs (``batcalc.cli.main._app_for``): every command
line gives the same exit code, output and errors as with the whole typer app."""

from __future__ import annotations

import pytest

from batcalc.cli import main as cli


def _result(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def _names(one) -> set[str]:
    return {c.name for c in one.registered_commands} | {g.name for g in one.registered_groups}


def test_a_command_line_naming_a_command_gets_that_command_alone():
    assert _names(cli._app_for(["compare", "a", "b"])) == {"compare"}
    assert _names(cli._app_for(["--debug", "plot", "ragone"])) == {"plot"}
    one = cli._app_for(["compare", "a", "b"])
    assert one is not cli.app and one.registered_callback is cli.app.registered_callback
    assert len(_names(cli.app)) > 10


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["comapre", "a"], ["--debug"], ["-h", "compare"],
                                  ["--show-completion", "bash"]])
def test_help_version_unknown_names_and_root_options_get_the_whole_app(argv):
    assert cli._app_for(argv) is cli.app


def test_shell_completion_gets_the_whole_app(monkeypatch):
    monkeypatch.setenv("_BATCALC_COMPLETE", "bash_complete")
    assert cli._app_for(["compare"]) is cli.app


@pytest.mark.parametrize("argv", [
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
    ["--debug", "compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "json"],
    ["compare"], ["compare", "--help"], ["compare", "-h"], ["compare", "a", "--baseline"],
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--fromat", "json"],
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "json", "-f", "csv"],
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "--units", "cubits"],
    ["show", "huineng-llcb"], ["show"], ["list", "--kind", "vehicle"], ["list", "extra"],
    ["convert", "-5 kWh", "J"], ["convert", "1 mi", "km"],
    ["plot", "--help"], ["plot", "ragone", "--help"], ["plot", "nonesuch"],
    ["check", "--help"], ["lint", "--help"], ["import-fastsim", "--help"],
])
def test_one_command_app_prints_what_the_whole_app_prints(capsys, monkeypatch, argv):
    lean = _result(capsys, argv)
    monkeypatch.setattr(cli, "_app_for", lambda args: cli.app)
    assert lean == _result(capsys, argv)
