"""Signals (issue "Hardening, second pass"): SIGINT, SIGTERM and SIGHUP end ``batcalc`` with one line on
stderr and exit 128 + signal (130, 143, 129), whenever they arrive once batcalc's code runs: while the
CLI's heavy modules (typer, pydantic, pint, numpy) are imported, or inside a command.

Each case runs the console script's entry point in a new interpreter (as the installed ``batcalc``
script does, or as ``python -m batcalc``), with an import hook that sends the signal to the process
the moment a chosen module is first imported, and waits there for it to act: no timing, no luck.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

#: Runs batcalc; sends signal argv[2] when module argv[1] is first imported; argv[3] is "script" (the
#: console script's ``batcalc.cli.entry:main``) or "module" (``python -m batcalc``); argv[4] the args;
#: argv[5] a file created when the signal is sent; argv[6] how long to wait for it to act, s.
PROBE = r"""
import importlib.abc, json, os, signal, sys, time

target, signame, how, args, marker = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
wait = float(sys.argv[6])

class SignalOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target_module=None):
        if name == target:
            sys.meta_path.remove(self)
            open(marker, "w").close()
            os.kill(os.getpid(), getattr(signal, signame))
            time.sleep(wait)                 # the signal acts here (or, unhandled, ends the process)
            sys.__stderr__.write("the signal did not stop batcalc\n")
        return None

sys.meta_path.insert(0, SignalOnImport())
if how == "script":
    sys.argv = ["batcalc", *args]
    from batcalc.cli.entry import main
    main()
else:
    import runpy
    sys.argv = ["batcalc", *args]
    runpy.run_module("batcalc", run_name="__main__", alter_sys=True)
"""

CODES = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}


def env() -> dict[str, str]:
    e = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    e.pop("BATCALC_DEBUG", None)
    return e


def interrupted(module: str, signame: str, args: list[str], tmp_path: Path, how: str = "script",
                preexec=None, wait: float = 30) -> subprocess.CompletedProcess:
    """Run batcalc ARGS, sending ``signame`` when ``module`` is first imported; the hook must have fired."""
    marker = tmp_path / "signal-sent"
    r = subprocess.run([sys.executable, "-c", PROBE, module, signame, how, json.dumps(args), str(marker), str(wait)],
                       capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=120, preexec_fn=preexec)
    assert marker.exists(), f"{module} was never imported by batcalc {' '.join(args)}: {r.stderr}"
    return r


RANGE = ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan"]


@pytest.mark.parametrize("signame", sorted(CODES))
@pytest.mark.parametrize("module,args", [
    ("typer", RANGE),
    ("pydantic", RANGE),
    ("numpy", RANGE),
    ("pint", ["convert", "1 furlong", "m"]),
    ("batcalc.report.render", ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"]),     # inside a command
], ids=["typer", "pydantic", "numpy", "pint", "in-a-command"])
def test_a_signal_while_loading_or_running_is_one_line_and_128_plus_signal(module, args, signame, tmp_path):
    r = interrupted(module, signame, args, tmp_path)
    assert r.returncode == CODES[signame], (r.returncode, r.stderr)
    assert r.stderr.splitlines() == [f"batcalc: interrupted ({signame})"], r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_python_dash_m_batcalc_handles_signals_too(signame, tmp_path):
    r = interrupted("typer", signame, ["list"], tmp_path, how="module")
    assert r.returncode == CODES[signame], (r.returncode, r.stderr)
    assert r.stderr.splitlines() == [f"batcalc: interrupted ({signame})"], r.stderr


def test_a_signal_ignored_at_start_stays_ignored(tmp_path):
    """``nohup batcalc ...`` ignores SIGHUP: batcalc must not start catching it."""
    r = interrupted("typer", "SIGHUP", ["convert", "1 kWh", "Wh"], tmp_path,
                    preexec=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN), wait=0.5)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "1 kWh = 1000 Wh"
    assert r.stderr.splitlines() == ["the signal did not stop batcalc"]


def test_the_console_script_is_the_entry_module():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"batcalc": "batcalc.cli.entry:main"}
    assert "batcalc.cli.entry" in (ROOT / "batcalc" / "__main__.py").read_text(encoding="utf-8")


def test_importing_batcalc_installs_no_signal_handler():
    """Library users keep their own handlers: only the console script's entry point installs any."""
    code = ("import signal, sys\n"
            "before = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]\n"
            "import batcalc, batcalc.cli.entry, batcalc.cli.main\n"
            "batcalc.compare\n"
            "after = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]\n"
            "sys.exit(0 if before == after else 1)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=120)
    assert r.returncode == 0, r.stderr


def test_the_entry_module_loads_nothing_heavy():
    """The handlers are in place before typer and the rest load: the entry module imports none of them."""
    code = ("import sys\nimport batcalc.cli.entry\n"
            "sys.exit(sorted(m for m in ('typer', 'click', 'pydantic', 'pint', 'numpy', 'yaml', 'typing')"
            " if m in sys.modules) != [])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=120)
    assert r.returncode == 0, r.stderr


def test_the_entry_point_puts_the_handlers_back(capsys):
    from batcalc.cli import entry

    before = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]
    with pytest.raises(SystemExit) as exc:
        entry.main(["convert", "1 kWh", "Wh"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == "1 kWh = 1000 Wh"
    assert [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)] == before


def test_an_exception_escaping_the_cli_is_exit_3_in_one_line(monkeypatch, capsys):
    """Not exit 1 (which says a claim failed), and no traceback."""
    from batcalc.cli import entry, main

    def broken(argv=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(main, "main", broken)
    monkeypatch.delenv("BATCALC_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exc:
        entry.main(["list"])
    assert exc.value.code == 3
    assert capsys.readouterr().err.splitlines() == [
        "batcalc: internal error: RuntimeError: boom second line (a bug, or a broken installation; rerun with "
        "--debug and report it)"]
