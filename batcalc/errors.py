"""The errors batcalc raises on bad input.

Every error a user can cause is a :class:`BatcalcError`; the CLI prints it as one line on stderr
and exits with :attr:`BatcalcError.exit_code` (2). Anything else escaping is a bug. An error's text
is one line whatever the names in it contain: control characters (a newline or an escape sequence
in a file name) are shown escaped, as Python's ``repr`` shows them; the names themselves, and the
files on disk, are never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


class BatcalcError(Exception):
    """Base class of every error caused by bad input (usage, spec, unit, claim).

    A message that shows physical values (a range, a mass, a temperature) is written by the layer that
    raises it in each unit system (:func:`batcalc.units.error_in_systems`); ``str()`` is the metric
    text and a front end shows the one its user asked for (:meth:`in_system`)."""

    exit_code = 2

    def __str__(self) -> str:
        """The message on one line (control characters escaped)."""
        return printable(super().__str__())

    def shown_in(self, texts: Mapping[str, str]) -> "BatcalcError":
        """Record this error's whole text (as ``str()`` writes it) in each unit system of ``texts``
        (``{"metric": ..., "imperial": ...}``); returns the error itself."""
        self.by_system = dict(texts)
        return self

    def in_system(self, system: str) -> str:
        """The error's text with its physical values in unit ``system``'s units (``metric``,
        ``imperial``), on one line: the text recorded for that system (:meth:`shown_in`), else ``str()``
        (a message with no physical values reads the same in every system)."""
        texts: Mapping[str, str] = self.__dict__.get("by_system", {})
        return printable(texts[system]) if system in texts else str(self)


def reworded(exc: BatcalcError, make: Callable[[str], BatcalcError]) -> BatcalcError:
    """``make(str(exc))``: the error that wraps ``exc``'s text (naming the option or file it came from),
    with the same wrapping of its text in each unit system it was written in (:meth:`BatcalcError.shown_in`),
    so that a wrapped error still follows the unit system asked for."""
    new = make(str(exc))
    texts: Mapping[str, str] = exc.__dict__.get("by_system", {})
    if texts:
        new.shown_in({system: str(make(text)) for system, text in texts.items()})
    return new


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

    ``line`` and ``col`` are 1-based, as editors count them; ``loc`` is the path in the file's data (keys
    and list indices) of the value at fault, where the error was located by it (``()`` otherwise).
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 col: int | None = None, loc: tuple = ()) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        self.loc = loc
        super().__init__(str(self))

    def __str__(self) -> str:
        """``path:line:col: message`` on one line (control characters in the path or message escaped)."""
        where = [printable(str(p)) for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(where + [" " + printable(self.message)]) if where else printable(self.message)

    def message_in(self, system: str) -> str:
        """The message without its location, its physical values in unit ``system``'s units: the text
        recorded for that system (:meth:`~BatcalcError.shown_in`, which records the whole located text)
        after the location, else :attr:`message`."""
        texts: Mapping[str, str] = self.__dict__.get("by_system", {})
        if system in texts:
            whole = str(self)
            where = whole[:len(whole) - len(printable(self.message))]
            if texts[system].startswith(where):
                return texts[system][len(where):]
        return self.message


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


class InputsError(BatcalcError):
    """An error that asks for inputs by name ("give pack_mass or pack_energy"), spelled by the front end
    that reports it: the command line as its options (``--pack-mass``, ``--to '80 %'``), the Python API
    and claims files as their parameter and input names (``pack_mass``, ``to_soc='80 %'``).

    ``template`` is the message with a ``{name}`` field for each input it names, or ``{name:EXAMPLE}``
    to show it given an example value (``{to_soc:80 %}``); other braces are doubled (:func:`literal`).
    ``str()`` is the message spelled for Python (:func:`python_spelling`); :meth:`spelled` spells it
    otherwise. The layers below the command line thus never write its option names. A message that
    shows physical values has a template per unit system, ``templates`` (``{"imperial": ...}``;
    ``template`` is the metric one), chosen by ``spelled``'s ``system``."""

    def __init__(self, template: str, templates: Mapping[str, str] | None = None) -> None:
        self.template = template
        self.templates = dict(templates or {})
        super().__init__(self.spelled(python_spelling))

    def spelled(self, spell: Callable[[str, str], str], system: str = "metric") -> str:
        """The message with each input written ``spell(name, example)`` (``example`` '' when none) and its
        physical values in unit ``system``'s units; a template that is not one (a lone brace, ``{0}``: a
        bug of its writer) is shown as written rather than raising while an error is reported."""
        template = self.templates.get(system, self.template)
        try:
            return template.format_map(_Spelled(spell))
        except (ValueError, LookupError, AttributeError, TypeError):
            return template

    def in_system(self, system: str) -> str:
        """The message spelled for Python in unit ``system``'s units, from its template for that system
        (the text recorded by :meth:`~BatcalcError.shown_in` where there is one)."""
        texts: Mapping[str, str] = self.__dict__.get("by_system", {})
        return printable(texts[system] if system in texts else self.spelled(python_spelling, system))

    def __reduce__(self) -> tuple[type, tuple[str], dict]:
        """Pickled and copied with its template and attributes (an exception's default pickling calls the
        class with the spelled text, read again as a template)."""
        return type(self), (self.template,), dict(self.__dict__)


#: Options whose names are not the input's (:class:`InputsError` names inputs as the Python API and
#: claims files do: ``to_soc``; the command line's option is ``--to``).
_OPTION_OF = {"to_soc": "--to", "from_soc": "--from", "target_range": "--range"}


def option_name(name: str) -> str:
    """An input as the command line names it: ``pack_voltage`` -> ``--pack-voltage``, ``to_soc`` -> ``--to``."""
    return _OPTION_OF.get(name) or "--" + name.replace("_", "-")


def option_spelling(name: str, example: str) -> str:
    """An input as the command line gives it: ``--pack-mass``, ``--to '80 %'``."""
    option = option_name(name)
    return f"{option} '{example}'" if example else option


def python_spelling(name: str, example: str) -> str:
    """An input as the Python API's parameters and a claims file's inputs name it: ``pack_mass``,
    ``to_soc='80 %'``."""
    return f"{name}='{example}'" if example else name


def literal(text: str) -> str:
    """``text`` as a part of an :class:`InputsError` template that names no input (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


def template_of(exc: BaseException, system: str = "metric") -> str:
    """The template of an :class:`InputsError`, or the text of any other error as a template part, with
    physical values in unit ``system``'s units: for an error that wraps another and keeps its inputs
    spelled by the front end."""
    if isinstance(exc, InputsError):
        return exc.templates.get(system, exc.template)
    return literal(exc.in_system(system) if isinstance(exc, BatcalcError) else str(exc))


def wrapped_inputs(exc: BaseException, make: Callable[[str, str], str], systems: Iterable[str] = ()) -> InputsError:
    """The :class:`InputsError` whose template is ``make(template_of(exc), "metric")``: an error that wraps
    ``exc`` (its inputs still spelled by the front end), written ``make(template_of(exc, system), system)``
    in each unit system ``exc`` was written in and each of ``systems`` (those ``make`` writes values in)."""
    systems = set(systems) | set(getattr(exc, "templates", {})) | set(getattr(exc, "by_system", {}))
    return InputsError(make(template_of(exc), "metric"),
                       {system: make(template_of(exc, system), system) for system in systems})


class _Spelled(dict):
    """The fields of an :class:`InputsError` template: each name an input, spelled on formatting."""

    def __init__(self, spell: Callable[[str, str], str]) -> None:
        super().__init__()
        self.spell = spell

    def __missing__(self, name: str) -> "_Input":
        return _Input(name, self.spell)


class _Input:
    """One input of a template: ``format`` gives its spelling, the format spec its example value."""

    def __init__(self, name: str, spell: Callable[[str, str], str]) -> None:
        self.name, self.spell = name, spell

    def __format__(self, example: str) -> str:
        return self.spell(self.name, example)


class NotFoundError(BatcalcError):
    """A catalogue id or path names nothing batcalc can load."""


class UnknownKeyError(NotFoundError, KeyError):
    """A key that a result does not have (a banded figure not among those banded); also a
    :class:`KeyError`, as a lookup in a mapping raises, with a one-line message naming the keys there are."""

    def __str__(self) -> str:
        """The message on one line, without the quotes :class:`KeyError` puts round its text."""
        return printable(Exception.__str__(self))


class ClaimError(BatcalcError):
    """A claim cannot be evaluated as written (missing or inconsistent inputs)."""


class ClaimInputsError(InputsError, ClaimError):
    """A :class:`ClaimError` that names the claim's inputs (an :class:`InputsError`): a claim given on the
    command line spells them as its options, the Python API as its parameters."""


def word_list(words: list[str]) -> str:
    """``words`` as a sentence lists them: ``'a'``, ``'a and b'``, ``'a, b and c'`` (messages)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


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
