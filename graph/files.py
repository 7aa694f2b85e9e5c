"""Writing files so that a crash or a full disk never leaves half a file behind.

One writer for everything tejido writes (the embedded store, maps, reports): the bytes go
to a temporary file in the destination's folder, are flushed to disk, and the temporary
file is renamed over the destination, so the destination holds either its old content or
the new one. The file gets the permissions an ordinary new file would (the process umask),
not mkstemp's private 0600: maps and reports are documents to share.

A destination that is a symbolic link is written through: the link's target is replaced
(atomically, in the target's folder) and the link stays. A writer that was killed leaves
its temporary file behind; the next write to the same destination removes it. Temporary
files are named ``.<name>-<host>-<pid>-<random>.tmp``, so a temporary file whose writer
(same host, that pid) is no longer alive is known to be stale; one older than
:data:`STALE_HOURS` is stale whatever wrote it (older tejido versions, another machine on
a shared folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

#: The process umask (read by setting it, so set it straight back).
_UMASK = os.umask(0o022)
os.umask(_UMASK)
#: A temporary file this old is stale even if its writer's pid is alive (pids are reused).
STALE_HOURS = 24.0
#: This machine, in temporary file names (a pid means nothing on another host).
HOST_TAG = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Callable[[BinaryIO], None],
                 *, durable: bool = False, parents: bool = False) -> int:
    """Write ``data`` (text as UTF-8, bytes, or a function writing to a binary handle) to
    ``path`` atomically; returns the number of bytes written.

    ``durable`` also syncs the folder, so that the rename itself survives a power cut (the
    store asks for it; a report can be written again). ``OSError`` propagates: the caller
    says what could not be written, in the user's words. ``parents`` creates missing
    folders (the store's own folder; a map folder); otherwise a missing folder is an error,
    as a mistyped ``--out`` should be. A symbolic link is followed to its target.
    """
    target = Path(os.path.realpath(path))
    if parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-{HOST_TAG}-{os.getpid()}-",
                               suffix=".tmp", dir=target.parent)
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


def remove_stale_temporaries(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed writers of ``target`` left in its folder;
    returns them. A file still being written by a live process is kept."""
    prefix = f".{target.name}-"
    ours = re.compile(re.escape(prefix) + r"(?P<host>[0-9a-f]{8})-(?P<pid>[1-9]\d{0,9})-.*\.tmp")
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed  # the write itself says why the folder cannot be used
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            match = ours.fullmatch(entry.name)
            dead = (match is not None and match["host"] == HOST_TAG
                    and int(match["pid"]) != os.getpid() and not _alive(int(match["pid"])))
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_HOURS * 3600
            if dead or old:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (on Windows, where signal 0 would kill it, a pid is
    taken as alive and only the age rule applies)."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


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
