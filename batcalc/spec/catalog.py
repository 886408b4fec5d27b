"""The built-in catalogue (``specs/`` shipped inside the package) and lookup by id or path."""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from batcalc.cache import ByIdentity
from batcalc.errors import NotFoundError, SpecError
from batcalc.io.yamlfile import mark_input, shown_path
from batcalc.spec import ID_PATTERN

KIND_DIRS = {"cell": "cells", "vehicle": "vehicles", "claim": "claims"}


@lru_cache(maxsize=1)
def specs_root() -> Path:
    """Folder of the catalogue: ``batcalc/specs`` in an installed wheel, ``specs/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent      # the batcalc package
    for candidate in (here / "specs", here.parent / "specs"):
        if (candidate / "cells").is_dir():
            return candidate
    raise NotFoundError("the built-in catalogue (specs/) is missing from this installation")


def catalog_ids(kind: str) -> list[str]:
    """Ids of the catalogue's specs of ``kind`` (cell, vehicle, claim), sorted."""
    return list(_catalog_ids(specs_root() / KIND_DIRS[kind]))


@lru_cache(maxsize=8)
def catalog_id_set(kind: str) -> frozenset[str]:
    """The ids of :func:`catalog_ids` as a set, built once per process: a membership test per file of
    a batch (``batcalc show`` asks whether its name is a catalogue id) costs a hash, not a folder path."""
    return frozenset(_catalog_ids(specs_root() / KIND_DIRS[kind]))


#: What a kind of catalogue spec is called in messages.
_KIND_NAMES = {"cell": "cell", "vehicle": "vehicle", "claim": "claims file"}


def id_hint(path: Path) -> str:
    """For a spec file that does not exist: how to name the catalogue's spec its name names
    (``gac-aion-ssb-350.yaml`` or ``./gac-aion-ssb-350`` -> "; the catalogue's cell of that name is given by
    its id: gac-aion-ssb-350"), else ''."""
    kind = kind_of_id(path.stem) if path.suffix.lower() in (".yaml", ".yml", "") else None
    return "" if kind is None else f"; the catalogue's {_KIND_NAMES.get(kind, kind)} of that name is given by its " \
                                   f"id: {path.stem}"


def kind_of_id(name: str) -> Optional[str]:
    """The kind (cell, vehicle, claim) of catalogue id ``name``, or None when it is none of the
    catalogue's (ids are unique across kinds)."""
    return next((k for k in KIND_DIRS if name in catalog_id_set(k)), None)


@lru_cache(maxsize=8)
def _catalog_ids(folder: Path) -> tuple[str, ...]:
    """The ``*.yaml`` stems of a catalogue folder, listed once per process (the catalogue ships with the
    package; a batch of ``show`` or ``check`` runs asked it once a file)."""
    return tuple(sorted(p.stem for p in folder.glob("*.yaml"))) if folder.is_dir() else ()


def _is_path(name: str) -> bool:
    """A name written as a path: with a folder separator or a .yaml/.yml suffix."""
    return os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))


def _exists(name: str) -> bool:
    if not name:                       # Path('') is the current folder: an empty name names no file
        return False
    try:
        return Path(name).exists()
    except (OSError, ValueError):      # a name too long for the file system, or with a NUL
        return False


def _looks_like_path(name: str) -> bool:
    return _is_path(name) or _exists(name)


@lru_cache(maxsize=512)
def _catalogue_path(kind: str, name: str) -> Path:
    """The file of catalogue id ``name`` of ``kind`` (joined once per id: a batch names the same few)."""
    return specs_root() / KIND_DIRS[kind] / f"{name}.yaml"


def _list_command(kind: str) -> str:
    """The command that lists the catalogue's specs of ``kind``: ``batcalc list`` (cells), else with ``--kind``."""
    return "batcalc list" if kind == "cell" else f"batcalc list --kind {kind}"


#: The first characters of a value of the value grammar ('350 Wh/kg', '-7 °C', '.5 kg', '+3 %').
_NUMBER_START = frozenset("0123456789+-.")


def resolve(name: str, kind: str) -> tuple[Path, bool]:
    """Path of a spec named by catalogue id or by path; returns ``(path, in_catalogue)``.

    A bare name is a catalogue id first: a file or folder of that name in the current folder is
    read only when the catalogue has no such id (write ``./name`` to mean the file).
    """
    if not name or not name.strip():
        raise NotFoundError(f"empty {kind} name: give a catalogue id or a path")
    # '350 Wh/kg' has a '/': it read as a path, 'no such file'. Ids and paths start otherwise: only a name
    # that starts as a number is read as a value, and only one that is no file is refused as one
    if name.lstrip()[:1] in _NUMBER_START:
        from batcalc.units import looks_like_value

        if looks_like_value(name) and not _exists(name):
            what = _KIND_NAMES.get(kind, kind)
            raise NotFoundError(f"{name!r} is a value, not a {what}: give a catalogue id or the path of a {what} "
                                f"spec (see '{_list_command(kind)}'"
                                + (f"; 'batcalc new {kind} ID' writes one)" if kind in ("cell", "vehicle") else ")"))
    if _is_path(name):
        return Path(name), False
    if name in catalog_id_set(kind):        # listed once per process; a file gone since fails at its read
        return _catalogue_path(kind, name), True
    path = specs_root() / KIND_DIRS[kind] / f"{name}.yaml"
    if re.match(ID_PATTERN, name) and path.is_file():      # ids are short: no over-long file names
        return path, True
    if _exists(name):
        return Path(name), False
    shown = name if len(name) <= 80 else name[:77] + "..."
    other = kind_of_id(name)
    if other is not None:                 # ids are unique across kinds: say which kind it is
        raise NotFoundError(f"{shown!r} is a {_KIND_NAMES[other]} in the catalogue, not a {_KIND_NAMES[kind]}: "
                            f"give a {_KIND_NAMES[kind]} id or path here (see '{_list_command(kind)}')")
    ids = catalog_ids(kind)
    hint = difflib.get_close_matches(name, ids, n=3, cutoff=0.5)
    tip = (f"; did you mean {', '.join(hint)}?" if hint else
           f"; see '{_list_command(kind)}'")
    raise NotFoundError(f"no {kind} {shown!r} in the catalogue and no such file{tip}")


@lru_cache(maxsize=256)
def _load_cached(path: str, mtime_ns: int, size: int, kind: str, in_catalogue: bool) -> Any:
    from batcalc.spec.model import load_spec

    spec = load_spec(path, expect=kind, require_sources=in_catalogue)
    if in_catalogue and spec.id != Path(path).stem:
        raise SpecError(f"catalogue id {spec.id!r} does not match the file name", path)
    return spec


def load(name: str, kind: str) -> Any:
    """Load and validate the spec ``name`` (catalogue id or path) of ``kind``; cached per file version
    (the model of that kind: see :func:`batcalc.spec.model.validate_document`). ``-`` reads the spec from
    standard input (:func:`batcalc.io.yamlfile.load_stdin`)."""
    if name == "-":
        from batcalc.io.yamlfile import load_stdin
        from batcalc.spec.model import validate_document

        return validate_document(load_stdin(), expect=kind)
    path, in_catalogue = resolve(name, kind)
    try:
        st = os.stat(path)
    except FileNotFoundError:                # named as the user wrote it ('./x', not 'x')
        raise SpecError("no such file" + id_hint(path), shown_path(path if in_catalogue else name)) from None
    except (OSError, ValueError) as exc:
        raise SpecError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}", shown_path(path)) from None
    mark_input(st)                     # an input even when its spec comes from the cache
    return _load_cached(str(path), st.st_mtime_ns, st.st_size, kind, in_catalogue)


T = TypeVar("T")
#: What :func:`load_derived` derived from catalogue specs, by (spec object, derive function).
_DERIVED: ByIdentity[Any] = ByIdentity(256)         # as many as the cache of file versions


def load_derived(name: str, kind: str, derive: Callable[[Any], T]) -> T:
    """``derive(load(name, kind))``, derived once per file version for a catalogue id (the cache of
    :func:`load` gives the same spec object for the same version; at most 256 kept) and each time for
    a user's file: a batch names the same few catalogue cells and vehicles again and again, while
    keeping the derived objects of every file a batch reads made ``show`` of 500 files 7 % slower (the
    collector walks them). The value is shared: callers do not change it."""
    spec = load(name, kind)
    if name not in catalog_id_set(kind):
        return derive(spec)
    hit: Optional[T] = _DERIVED.get(spec, derive)
    return hit if hit is not None else _DERIVED.put(spec, derive, derive(spec))
