"""The console script's entry point (``batcalc`` and ``python -m batcalc``): signals first, then the CLI.

:func:`main` installs handlers that turn SIGINT, SIGTERM and SIGHUP into :class:`batcalc.errors.Interrupted`
*before* the command line's heavy modules (typer, pydantic, pint, numpy) are imported, then imports and
runs :func:`batcalc.cli.main.main`. So a signal at any moment batcalc's own code runs, loading modules
included, ends the same way: ``finally`` blocks run (a temporary file is removed), one line on stderr
(``batcalc: interrupted (SIGTERM)``), exit 128 + the signal's number (130 SIGINT, 143 SIGTERM,
129 SIGHUP). SIGINT too raises :class:`~batcalc.errors.Interrupted` rather than ``KeyboardInterrupt``,
which typer would turn into a silent exit 130; a ``KeyboardInterrupt`` from before the handlers are in
place is caught all the same. A signal ignored when batcalc starts (``nohup`` ignores SIGHUP) stays
ignored.

Out of reach: a signal arriving while the Python interpreter itself starts, before this module runs,
has its default effect (SIGTERM and SIGHUP end the process at once, with nothing to clean up yet; SIGINT
may print Python's traceback); SIGKILL can never be caught (a temporary file it leaves is removed by a
later write to the same folder, :mod:`batcalc.io.safefile`).

Plain ``import batcalc`` (library use) installs no handler: only :func:`main` does. :func:`main` also
pauses the garbage collector until the command starts (:mod:`batcalc.cli.startup`).
"""

from __future__ import annotations

import os
import signal
import sys

from batcalc.cli import startup
from batcalc.errors import Interrupted

TYPE_CHECKING = False                # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

#: The signals, besides SIGINT, turned into :class:`Interrupted`; SIGHUP does not exist on Windows.
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
#: Whether a handler has raised already: batcalc is stopping, and a second signal is not let to
#: interrupt the clean-up of the first (SIGKILL still ends it).
_STOPPING = {"on": False}


def _interrupted(signum: int, frame: object) -> None:
    """Signal handler: stop what is running by raising :class:`Interrupted`, once; a later signal is
    ignored while that unwinds."""
    if _STOPPING["on"]:
        return
    _STOPPING["on"] = True
    raise Interrupted(signum)


def _install() -> list[tuple[int, Any]]:
    """Turn SIGTERM, SIGHUP and SIGINT into :class:`Interrupted`, except a signal ignored at start
    (``nohup`` ignores SIGHUP; a shell's background job, SIGINT) or given a handler by whoever runs
    :func:`main`. Returns the handlers replaced."""
    _STOPPING["on"] = False
    replaced: list[tuple[int, Any]] = []
    for sig in (signal.SIGINT, *_SIGNALS):
        try:
            previous = signal.getsignal(sig)
            if previous == (signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL):
                signal.signal(sig, _interrupted)
                replaced.append((sig, previous))
        except (OSError, ValueError):          # not the main thread, or an unsupported signal
            pass
    return replaced


def _restore(replaced: list[tuple[int, Any]]) -> None:
    """Put back the handlers :func:`_install` replaced: a signal while the interpreter shuts down has
    the effect it would have had without batcalc (SIGTERM ends the process)."""
    for sig, previous in replaced:
        try:
            signal.signal(sig, previous)
        except (OSError, ValueError, TypeError):
            pass


def _say(line: str) -> None:
    """Write one line on stderr; lost if stderr cannot be written."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _debugging(argv: list[str] | None) -> bool:
    """Whether tracebacks were asked for (``--debug`` or ``BATCALC_DEBUG``)."""
    return bool(os.environ.get("BATCALC_DEBUG")) or "--debug" in (sys.argv[1:] if argv is None else argv)


def main(argv: list[str] | None = None) -> None:
    """Run ``batcalc`` with ``argv`` (default ``sys.argv[1:]``) and exit with its exit code; an
    interruption is one line on stderr and exit 128 + signal, from the first import of the CLI on;
    an exception escaping the CLI (a bug, a broken installation) one line and exit 3."""
    replaced = _install()
    startup.pause()                     # until the command starts (batcalc.cli.startup)
    try:
        try:
            from batcalc.cli.main import main as cli_main

            cli_main(argv)              # exits (SystemExit passes through) with the command's code
            code = 0
        except KeyboardInterrupt:
            _STOPPING["on"] = True
            _say(f"batcalc: {Interrupted(2)}")
            code = 130
        except Interrupted as exc:
            _STOPPING["on"] = True
            _say(f"batcalc: {exc}")
            code = exc.exit_code
        except Exception as exc:
            if _debugging(argv):
                raise
            _say(f"batcalc: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} (a bug, or a "
                 f"broken installation; rerun with --debug and report it)")
            code = 3
    finally:
        _restore(replaced)
    sys.exit(code)
