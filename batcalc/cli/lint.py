"""``batcalc lint FILE...``: every problem in every spec and claims file, one ``file:line:col: message``
line each (exit 2 if any), else ``N files OK`` on stdout (exit 0).

A file with a YAML syntax error (or one that cannot be read: a folder, a missing, binary, non-UTF-8 or
too large file) gives that one problem (after any duplicate keys before it); every duplicate key is a
problem at its line and column, and the file is read on with each key's first value; then every
schema and value error of the file
(:func:`batcalc.spec.model.validate_document` with ``all_errors``), then, when the schema holds, its
sources, and for a claims file each claim's inputs as ``batcalc check`` would evaluate them (named
cells and vehicles, cycles, figures). A problem that concerns the whole file (no such file, a folder)
is placed at 1:1, so that every line has the same shape for editors and pre-commit.

A sound cell spec whose figures disagree (a value given and derivable, more than 3 % apart, as
``batcalc show`` warns) gives a ``file:line:col: warning: ...`` line at the given value; warnings do not
fail the lint (exit 0, ``N files OK, K warnings``) unless ``--strict``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from batcalc.cli.common import UnitsOpt, UnitSystem, emit, handles_errors
from batcalc.errors import BatcalcError, SpecError, printable

if TYPE_CHECKING:
    from batcalc.io.yamlfile import Document

#: The name a spec read from standard input has in messages.
STDIN_NAME = "<stdin>"
#: Catalogue kinds (``batcalc.spec.catalog.KIND_DIRS``) an id may name, in the order they are tried.
_CATALOGUE_KINDS = ("cell", "vehicle", "claim")


def _line(exc: SpecError, fallback: str, system: str = "metric") -> str:
    """One ``file:line:col: message`` line for ``exc`` (a problem with the whole file at 1:1), its physical
    values in unit ``system``'s units (:meth:`~batcalc.errors.SpecError.message_in`)."""
    path = exc.path if exc.path is not None else fallback
    line, col = (exc.line, exc.col) if exc.line is not None else (1, 1)
    return printable(f"{path}:{line}:{col or 1}: {exc.message_in(system)}")


def _targets(name: str) -> list[tuple[Path | None, str, bool]]:
    """What ``name`` names: ``(path, shown name, in the catalogue)`` for each file to lint.

    A path (with a folder separator or a .yaml/.yml suffix) is that file, or, when no file has that name,
    the files it matches as a pattern (``'specs/cells/*.yaml'``, which no shell expanded); a bare name is a catalogue
    id of any kind (a cell, vehicle and claims file may share an id: each is linted), else a file of
    that name in the current folder; ``-`` is standard input (path None)."""
    import difflib

    from batcalc.io.yamlfile import shown_path
    from batcalc.spec.catalog import _is_path, catalog_ids, resolve

    if name == "-":
        return [(None, STDIN_NAME, False)]
    if not name.strip():
        raise SpecError("empty file name: give a path or a catalogue id", repr(name))
    if _is_path(name):
        if not os.path.lexists(name) and any(c in name for c in "*?["):   # a pattern no shell expanded (quoted,
            import glob  # or cmd.exe): what it matches

            matches = sorted(glob.glob(name))
            if not matches:
                raise SpecError("no such file, and no file matches it as a pattern", shown_path(name))
            return [(Path(m), shown_path(m), _inside_catalogue(Path(m))) for m in matches]
        if not os.path.lexists(name):          # 'gac-aion-ssb-350.yaml': say that the id names the catalogue's
            from batcalc.spec.catalog import id_hint

            raise SpecError("no such file" + id_hint(Path(name)), shown_path(name))
        return [(Path(name), shown_path(name), _inside_catalogue(Path(name)))]
    found: list[tuple[Path | None, str, bool]] = []
    for kind in _CATALOGUE_KINDS:
        try:
            path, in_catalogue = resolve(name, kind)
        except BatcalcError:
            continue
        if in_catalogue:
            found.append((path, shown_path(path), True))
    if found:
        return found
    if os.path.lexists(name):
        return [(Path(name), shown_path(name), _inside_catalogue(Path(name)))]
    from batcalc.physics.cycles import ALIASES

    if name.strip().lower() in ALIASES:        # a drive cycle is a trace, not a spec: say so, not 'no such id'
        raise SpecError("a drive cycle of the catalogue (a trace, not a spec file): lint checks cell, vehicle "
                        "and claims files; 'batcalc show " + name.strip().lower() + "' shows the cycle",
                        shown_path(name))
    ids = sorted({i for kind in _CATALOGUE_KINDS for i in catalog_ids(kind)})
    hint = difflib.get_close_matches(name, ids, n=3, cutoff=0.5)
    raise SpecError("no such file and no catalogue id of that name" +
                    (f"; did you mean {', '.join(hint)}?" if hint else " (see 'batcalc list')"), shown_path(name))


def _inside_catalogue(path: Path) -> bool:
    """Whether ``path`` is a spec of the built-in catalogue (then every value needs a source, as when
    it is loaded by id)."""
    from batcalc.spec.catalog import specs_root

    try:
        return path.resolve().is_relative_to(specs_root().resolve())
    except (OSError, ValueError, RuntimeError, BatcalcError):    # RuntimeError: a symlink loop (Python 3.11, 3.12)
        return False


def _read_stdin(duplicates: list[SpecError] | None = None) -> Document:
    """A spec from standard input (:func:`batcalc.io.yamlfile.load_stdin`)."""
    from batcalc.io.yamlfile import load_stdin

    return load_stdin(duplicates)


def _claim_problems(spec: Any, doc: Document) -> list[SpecError]:
    """Problems in a valid claims file's claims: those across its claims
    (:func:`batcalc.claims.check.file_problems`: a claim id given twice, an unknown source), and each
    claim's inputs as ``batcalc check`` evaluates them (a failed claim is a verdict, not a problem)."""
    from batcalc.claims.check import file_problems

    return _in_order(file_problems(spec, doc) + _evaluated(enumerate(spec.claims), doc), doc)


def _evaluated(claims: Any, doc: Document) -> list[SpecError]:
    """The problems of each ``(index, claim)`` of ``claims`` as ``batcalc check`` evaluates it."""
    from batcalc.claims.check import Context, evaluate

    problems: list[SpecError] = []
    for k, claim in claims:
        try:
            evaluate(claim, Context(doc, ("claims", k)))
        except SpecError as exc:
            problems.append(exc)
        except BatcalcError as exc:
            problems.append(doc.error(("claims", k), str(exc)))
    return problems


def _in_order(problems: list[SpecError], doc: Document) -> list[SpecError]:
    """``problems`` once each (a broken cell file named by two claims: once), in the file's order."""
    unique = list({str(e): e for e in problems}.values())
    return sorted(unique, key=lambda e: (e.path != doc.path, e.line or 0, e.col or 0))


def _sound_claims_problems(doc: Document, errors: list[SpecError]) -> list[SpecError]:
    """A claims file with schema errors: ``errors``, the problems of each claim that is sound on its own
    (its model validates it) as ``batcalc check`` would evaluate it, and the sound claims' ids given twice
    and sources not listed (when every source has an id), so that one claim's schema error does not hide
    the others' problems."""
    from pydantic import ValidationError

    from batcalc.claims.check import claim_id_problems
    from batcalc.spec.claims import CLAIM_MODELS

    claims = doc.data.get("claims") if isinstance(doc.data, dict) else None
    sources = doc.data.get("sources", []) if isinstance(doc.data, dict) else None
    source_ids = [s["id"] for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)] if isinstance(
        sources, list) else []
    sound = []
    for k, raw in enumerate(claims if isinstance(claims, list) else []):
        kind = raw.get("kind") if isinstance(raw, dict) else None
        model = CLAIM_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            continue
        try:
            sound.append((k, model.model_validate(raw)))
        except (ValidationError, BatcalcError):       # its schema errors are among ``errors``
            continue
    known = source_ids if isinstance(sources, list) and len(source_ids) == len(sources) else None
    # every claim's id and source as written, sound or not: a schema error in one does not hide its id given
    # twice or a source the file does not list
    written = [(k, raw["id"], raw.get("source") if isinstance(raw.get("source"), str) else None)
               for k, raw in enumerate(claims if isinstance(claims, list) else [])
               if isinstance(raw, dict) and isinstance(raw.get("id"), str)]
    ids = claim_id_problems(written, known, doc)
    return _in_order(errors + ids + _evaluated(sound, doc), doc)


def lint_one(path: Path | None, shown: str, in_catalogue: bool,
             warnings: list[SpecError] | None = None) -> list[SpecError]:
    """Every problem of one spec file (``path`` None: standard input), in the file's order; a sound cell
    spec's mismatches between given and derived figures are added to ``warnings`` when it is given
    (:func:`_cell_warnings`).

    Every duplicate key is one problem at its line and column; the file is then read with each key's
    first value, and its other problems follow as they would (a YAML syntax error after a duplicate key
    still ends the reading there)."""
    duplicates: list[SpecError] = []
    problems = _lint_read(path, shown, in_catalogue, warnings, duplicates)
    if not duplicates:
        return problems
    # in the file's order, each once (the catalogue's own load refuses the first duplicate again)
    unique = list({str(e): e for e in duplicates + problems}.values())
    return sorted(unique, key=lambda e: (e.path != duplicates[0].path, e.line or 0, e.col or 0))


def _lint_read(path: Path | None, shown: str, in_catalogue: bool, warnings: list[SpecError] | None,
               duplicates: list[SpecError]) -> list[SpecError]:
    """:func:`lint_one`'s problems besides the duplicate keys, which go to ``duplicates``."""
    from batcalc.io.yamlfile import load_yaml
    from batcalc.spec.catalog import KIND_DIRS, load, specs_root
    from batcalc.spec.model import SpecErrors, raw_source_problems, validate_document

    doc = None
    try:
        doc = _read_stdin(duplicates) if path is None else load_yaml(path, duplicates=duplicates)
        spec = validate_document(doc, require_sources=in_catalogue, all_errors=True)
        kind = doc.data["kind"]
        if kind == "claims":
            return _claim_problems(spec, doc)
        if kind == "cell" and warnings is not None:
            warnings += _cell_warnings(spec, doc)
        if (path is not None and in_catalogue and kind in KIND_DIRS
                and path.resolve().parent == (specs_root() / KIND_DIRS[kind]).resolve()):
            load(path.resolve().stem, kind)      # the catalogue's own checks (the id is the file's name, not a link's)
    except SpecErrors as exc:
        if doc is not None and isinstance(doc.data, dict) and doc.data.get("kind") == "claims":
            return _sound_claims_problems(doc, exc.errors)
        # the sources its values cite, read from the file as written: reported with the schema errors
        return exc.errors if doc is None else _in_order(exc.errors + raw_source_problems(doc), doc)
    except SpecError as exc:
        return [exc]
    except BatcalcError as exc:
        return [SpecError(str(exc), shown)]
    return []


def _cell_warnings(spec: Any, doc: Document) -> list[SpecError]:
    """A cell spec's figures that disagree with what its other figures give (more than 3 % apart:
    :func:`batcalc.physics.cells.figures_of`, the warnings ``batcalc show`` prints), each located at the
    given value and written in each unit system (:meth:`~batcalc.errors.BatcalcError.shown_in`)."""
    from batcalc.physics.cells import figures_of

    def warning(m: Any) -> SpecError:
        return doc.error_in_systems(_value_at(doc.data, m.at), lambda system: f"warning: {m.text(system)}")
    return [warning(m) for m in figures_of(spec).mismatches]


def _value_at(data: Any, loc: tuple[str, ...]) -> tuple[str, ...]:
    """``loc``, or the location of its ``value`` when the spec writes it in the long form
    (``energy: {value: 25 Wh, source: s1}``), so that a warning points at the value as an error does."""
    node = data
    for key in loc:
        node = node.get(key) if isinstance(node, dict) else None
    return loc + ("value",) if isinstance(node, dict) and "value" in node else loc


@handles_errors
def lint_cmd(files: Annotated[list[str], typer.Argument(metavar="FILE", help="spec or claims files (YAML), "
                                                        "catalogue ids, patterns ('specs/cells/*.yaml'), or - for "
                                                        "a spec on stdin")],
             strict: Annotated[bool, typer.Option("--strict", help="warnings fail the lint too (exit 2): a "
                                                  "cell's given figure more than 3 % from what its other "
                                                  "figures give")] = False,
             unit_system: UnitsOpt = UnitSystem.metric) -> None:
    """Report every problem in spec and claims files at once: one 'file:line:col: message' line each.

    After a YAML syntax error, that error; otherwise every schema and value error, the sources, and
    the inputs of each claim. Exit code 2 if there is any problem; else prints 'N files OK'. A cell
    whose given figures disagree (energy given and voltage x capacity more than 3 % apart) gives a
    'file:line:col: warning: ...' line, which fails the lint only with --strict.

    \b
    Example: batcalc lint my-cell.yaml specs/claims/seed-article.yaml
    Example: batcalc lint --strict specs/cells/*.yaml
    Example: batcalc lint --units imperial my-cell.yaml
    """
    system = unit_system.value
    problems = 0
    warned = 0
    linted = 0
    failed = False
    seen: set = set()                   # each file once, however often or however spelt it is named
    for name in files:
        try:
            targets = _targets(name)
        except SpecError as exc:
            emit(_line(exc, name, system))
            problems += 1
            continue
        for path, shown, in_catalogue in targets:
            key = _file_key(path)
            if key in seen:
                continue
            seen.add(key)
            linted += 1
            warnings: list[SpecError] = []
            try:
                found = lint_one(path, shown, in_catalogue, warnings)
            except Exception as exc:  # a bug: one line for this file, and the other files still linted
                found = [SpecError(f"internal error: {type(exc).__name__}: {exc} (a bug; report it)", shown)]
                failed = True
            for problem in _with_warnings(found, warnings):
                emit(_line(problem, shown, system))
            problems += len(found)
            warned += len(warnings)
    if failed:
        raise typer.Exit(3)
    if problems or (strict and warned):
        raise typer.Exit(2)
    emit(f"{linted} file{'s' if linted != 1 else ''} OK" + (f", {warned} warning{'s' if warned != 1 else ''}"
                                                              if warned else ""))


def _file_key(path: Any) -> Any:
    """What identifies the file ``path`` reads: its ``(device, inode)`` (two spellings, a link or a catalogue
    id and its path are one file), or the path as given (``-``, a file that cannot be read)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError, TypeError):
        return str(path)
    return st.st_dev, st.st_ino


def _with_warnings(problems: list[SpecError], warnings: list[SpecError]) -> list[SpecError]:
    """A cell file's problems and warnings in its order, by line and column (a stable sort: ties keep
    their order), problems located in other files after them; without warnings, ``problems`` as found."""
    if not warnings:
        return problems
    path = warnings[0].path
    return sorted(problems + warnings, key=lambda e: (e.path != path, e.line or 0, e.col or 0))

