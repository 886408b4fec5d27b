"""Writing output files safely: never overwrite without ``force``, never leave a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BatcalcError


def write_new(path: str | os.PathLike, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then rename).

    Refuses to replace an existing file unless ``force``; a failure leaves nothing behind.
    """
    target = Path(path)
    if target.is_dir():
        raise BatcalcError(f"{target} is a directory")
    if target.exists() and not force:
        raise BatcalcError(f"{target} exists; not overwriting it (use --force to replace it)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BatcalcError(f"folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
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
                raise BatcalcError(f"{target} exists; not overwriting it (use --force to replace it)") from None
            except OSError:
                if target.exists():
                    raise BatcalcError(f"{target} exists; not overwriting it (use --force to replace it)") from None
                os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
