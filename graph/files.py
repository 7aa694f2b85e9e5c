"""Writing files so that a crash or a full disk never leaves half a file behind.

One writer for everything tejido writes (the embedded store, maps, reports): the bytes go
to a temporary file in the destination's folder, are flushed to disk, and the temporary
file is renamed over the destination, so the destination holds either its old content or
the new one. The file gets the permissions an ordinary new file would (the process umask),
not mkstemp's private 0600: maps and reports are documents to share.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

#: The process umask (read by setting it, so set it straight back).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Callable[[BinaryIO], None],
                 *, durable: bool = False, parents: bool = False) -> int:
    """Write ``data`` (text as UTF-8, bytes, or a function writing to a binary handle) to
    ``path`` atomically; returns the number of bytes written.

    ``durable`` also syncs the folder, so that the rename itself survives a power cut (the
    store asks for it; a report can be written again). ``OSError`` propagates: the caller
    says what could not be written, in the user's words. ``parents`` creates missing
    folders (the store's own folder; a map folder); otherwise a missing folder is an error,
    as a mistyped ``--out`` should be.
    """
    target = Path(path)
    if parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
            size = handle.tell()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(target.parent)
    return size


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not possible on Windows, where it is not needed.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
