"""Writing output files safely: never overwrite without ``force``, never replace anything but a
regular file, never leave a half-written file; every failure is one :class:`BatcalcError` line."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from batcalc.errors import BatcalcError, quoted_path


def _exists_message(target: Path) -> str:
    return f"{quoted_path(target)} exists; not overwriting it (use --force to replace it)"


def check_target(path: str | os.PathLike[str], force: bool = False) -> Path:
    """Check that ``path`` may be written: its folder exists, and it is new, or (with ``force``) a
    regular file or a link. Devices, pipes, sockets and folders are never replaced, even with
    ``force`` (``-o /dev/null --force`` must not turn the device into a file)."""
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
        if not force:
            raise BatcalcError(_exists_message(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):
        raise BatcalcError(f"cannot write {quoted_path(target)}: folder {quoted_path(folder)} does not exist")
    return target


def write_new(path: str | os.PathLike[str], data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then rename).

    Refuses what :func:`check_target` refuses; a failure leaves nothing behind.
    """
    target = check_target(path, force)
    folder = target.parent if str(target.parent) else Path(".")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)         # mkstemp makes 0600; give the usual file mode
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
