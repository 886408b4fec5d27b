"""The errors batcalc raises on bad input.

Every error a user can cause is a :class:`BatcalcError`; the CLI prints it as one line on stderr
and exits with :attr:`BatcalcError.exit_code` (2). Anything else escaping is a bug. An error's text
is one line whatever the names in it contain: control characters (a newline or an escape sequence
in a file name) are shown escaped, as Python's ``repr`` shows them; the names themselves, and the
files on disk, are never changed.
"""

from __future__ import annotations


class BatcalcError(Exception):
    """Base class of every error caused by bad input (usage, spec, unit, claim)."""

    exit_code = 2

    def __str__(self) -> str:
        """The message on one line (control characters escaped)."""
        return printable(super().__str__())


class Interrupted(BaseException):
    """A signal asked batcalc to stop: SIGINT (Ctrl-C), SIGTERM or SIGHUP. Not an error of the input: a
    ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` lets it through and
    ``finally`` blocks (removing a temporary file) run on its way out. The console script
    (:mod:`batcalc.cli.entry`) raises it from its signal handlers and exits with :attr:`exit_code`,
    128 + the signal's number (130, 143, 129)."""

    _NAMES = {1: "SIGHUP", 2: "SIGINT", 15: "SIGTERM"}

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.exit_code = 128 + signum
        super().__init__(signum)

    def __str__(self) -> str:
        """``interrupted (SIGTERM)``."""
        return f"interrupted ({self._NAMES.get(self.signum, f'signal {self.signum}')})"


class UnitError(BatcalcError, ValueError):
    """A value string is malformed, names an unknown unit, or has the wrong dimension."""


class SpecError(BatcalcError):
    """A spec file is unreadable or invalid; carries ``path:line:col`` where known.

    ``line`` and ``col`` are 1-based, as editors count them.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 col: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        super().__init__(str(self))

    def __str__(self) -> str:
        """``path:line:col: message`` on one line (control characters in the path or message escaped)."""
        where = [printable(str(p)) for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(where + [" " + printable(self.message)]) if where else printable(self.message)


class WrongKindError(SpecError):
    """A spec file whose ``kind:`` is not the one asked for (a vehicle file where a cell was expected);
    ``found`` is the kind it names. Located at its ``kind:`` like any :class:`SpecError`."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, col: int | None = None,
                 found: str = "") -> None:
        self.found = found
        super().__init__(message, path, line, col)

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None, int | None, str]]:
        """Pickled and copied with its location and kind (an exception's default keeps ``args`` only)."""
        return type(self), (self.message, self.path, self.line, self.col, self.found)


class NotFoundError(BatcalcError):
    """A catalogue id or path names nothing batcalc can load."""


class ClaimError(BatcalcError):
    """A claim cannot be evaluated as written (missing or inconsistent inputs)."""


def printable(text: str, limit: int | None = None) -> str:
    """``text`` on one line for a message or a note: control characters (a newline, a terminal escape
    sequence) shown escaped, and at most ``limit`` characters when given."""
    out = text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return out if limit is None or len(out) <= limit else out[:limit - 3] + "..."


def quoted_path(path: object) -> str:
    """A file name as a message's prose shows it: as it is when every character is printable and it
    neither starts nor ends with a space, else quoted with its control characters escaped, as
    ``repr`` writes it (``'a\\nb.csv'`` for a name with a newline). The file itself is untouched."""
    text = str(path)
    return text if text.isprintable() and text == text.strip() and text else repr(text)
