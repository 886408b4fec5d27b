"""Writing output files safely: never overwrite without ``force``, never replace anything but a
regular file, never leave a half-written file; every failure is one :class:`BatcalcError` line.

A file is written to a temporary file in the target's folder, named
``.{name}.batcalc-{pid}-{random}.tmp`` (:data:`TEMP_NAME`), then renamed. An error, Ctrl-C, SIGTERM or
SIGHUP (the console script turns the last two into an exception, :mod:`batcalc.cli.entry`) removes it
on the way out. SIGKILL, a crash or a power cut cannot be caught: the temporary file stays, and the
next write to the same folder removes it once the process that wrote it is gone
(:func:`remove_stale_temp_files`).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from batcalc.errors import BatcalcError, quoted_path

#: The name of a temporary file :func:`write_new` writes: ``.{name}.batcalc-{pid}-{random}.tmp``, the
#: target's name (its first 40 characters), the writer's process id and :func:`tempfile.mkstemp`'s
#: eight random characters.
TEMP_NAME = re.compile(r"\..*\.batcalc-([1-9][0-9]{0,9})-[a-z0-9_]{8}\.tmp", re.DOTALL)


def _exists_message(target: Path) -> str:
    return f"{quoted_path(target)} exists; not overwriting it (use --force to replace it)"


def check_target(path: str | os.PathLike[str], force: bool = False) -> Path:
    """Check that ``path`` may be written: its folder exists, and it is new, or (with ``force``) a
    regular file or a link to one (or to nothing). Devices, pipes, sockets and folders, and links to them,
    are never replaced, even with
    ``force`` (``-o /dev/null --force`` must not turn the device into a file), nor a file the command
    read as an input (:func:`batcalc.io.yamlfile.is_input`: ``show my-cell.yaml -o my-cell.yaml
    --force`` must not replace the spec by its table)."""
    from batcalc.io.yamlfile import is_input

    if not os.fspath(path):                       # Path('') is the current folder: "'.' is a directory"
        raise BatcalcError("cannot write '': the file name is empty")
    text = os.fspath(path)
    if text.endswith(tuple(s for s in (os.sep, os.altsep) if s)) and not os.path.isdir(text):
        # Path('out/') is Path('out'): a folder asked for would become a file of that name
        raise BatcalcError(f"cannot write {quoted_path(text)}: it ends with {text[-1]!r}, naming a folder, and there "
                           f"is no such folder: give the name of a file")
    target = Path(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as exc:          # a name too long, a NUL byte, a file used as a folder
        raise BatcalcError(f"cannot write {quoted_path(target)}: {getattr(exc, 'strerror', None) or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise BatcalcError(f"{quoted_path(target)} is a directory")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            raise BatcalcError(f"{quoted_path(target)} is not a regular file (a device, pipe or socket): not "
                               f"replacing it")
        if stat.S_ISLNK(st.st_mode):              # judged by what it links to, as the folder or device itself is
            try:
                to = os.stat(target).st_mode
            except OSError:                       # a dangling link (or a loop): nothing it points to is lost
                to = stat.S_IFREG
            if not stat.S_ISREG(to):
                what = "a directory" if stat.S_ISDIR(to) else "a device, pipe or socket"
                raise BatcalcError(f"{quoted_path(target)} is a link to {what}: not replacing it, even with --force; "
                                   f"give the name of a file")
        if is_input(target):
            raise BatcalcError(f"{quoted_path(target)} is one of this command's inputs; not overwriting it, even "
                               f"with --force: write the output to another file")
        if not force:
            raise BatcalcError(_exists_message(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):
        raise BatcalcError(f"cannot write {quoted_path(target)}: folder {quoted_path(folder)} does not exist")
    return target


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (it may belong to another user: then it exists too). Always
    True on Windows, where ``os.kill(pid, 0)`` would not ask but stop the process."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):            # PermissionError: someone else's; or no such pid
        return True
    return True


def remove_stale_temp_files(folder: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files of :func:`write_new` in ``folder`` left by processes that no longer
    run (killed by SIGKILL, a crash): regular files whose name matches :data:`TEMP_NAME` and whose
    process id names no process. A live process's temporary file (a concurrent write) and every
    other file are kept; errors are ignored. Returns the names removed."""
    removed: list[str] = []
    try:
        with os.scandir(folder) as it:
            ours = [(e.name, e.path, m) for e in it if e.name.endswith(".tmp") and (m := TEMP_NAME.fullmatch(e.name))]
    except (OSError, ValueError):
        return removed
    for name, path, m in ours:
        if _alive(int(m.group(1))):
            continue
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed.append(name)
        except OSError:                          # removed meanwhile, or not ours to remove
            pass
    return removed


def write_new(path: str | os.PathLike[str], data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (a temporary file in the same folder, named by
    :data:`TEMP_NAME`, then renamed), after removing stale temporary files of earlier writers there
    (:func:`remove_stale_temp_files`).

    Refuses what :func:`check_target` refuses; a failure or an interruption (an exception, including
    KeyboardInterrupt and the console script's SIGTERM/SIGHUP) leaves nothing behind.
    """
    target = check_target(path, force)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temp_files(folder)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.batcalc-{os.getpid()}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask                 # mkstemp makes 0600; give the usual file mode
        if force:                             # a file replaced keeps its permissions (a read-only one too)
            try:
                st = os.stat(target)
                if stat.S_ISREG(st.st_mode):
                    mode = stat.S_IMODE(st.st_mode)
            except OSError:
                pass
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)          # fails if the target appeared meanwhile
            except FileExistsError:
                raise BatcalcError(_exists_message(target)) from None
            except OSError:
                if os.path.lexists(target):
                    raise BatcalcError(_exists_message(target)) from None
                os.replace(tmp, target)
    except OSError as exc:                    # read-only folder, disk full, /proc, name too long ...
        raise BatcalcError(f"cannot write {quoted_path(target)}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return target
