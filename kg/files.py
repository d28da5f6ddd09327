"""Writing output files: atomically, so a failed run leaves the last good file in place; caches the
build can recompute; and pausing the cycle collector while millions of objects are built."""

from __future__ import annotations

import gc
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from kg.errors import EnvironmentProblem, UsageError


def write_atomic(path: Path | str, data: bytes | str | Sequence[bytes], *, durable: bool = True) -> None:
    """Write beside the target, then rename over it; the file gets the user's usual permissions. ``data``
    may be chunks, written one after the other (an export's parts, without copying them into one).

    ``durable=False`` skips the fsync: for many cache files at once, whose writer calls ``os.sync()`` once
    before recording them as valid (10,000 fsyncs cost a from-scratch build half a minute).
    """
    path = Path(path)
    if path.is_dir():  # (an empty -o is "."; renaming over a folder fails with a stranger message)
        raise EnvironmentProblem(f"cannot write: {str(path) if str(path) != '.' else 'the path given'} is a folder",
                                 file=path, hint="give a file name")
    chunks = [data.encode("utf-8")] if isinstance(data, str) else [data] if isinstance(data, bytes) else data
    if str(path.absolute()).startswith(("/dev/", "/proc/")) or (path.exists() and not path.is_file()):
        # a device, a pipe or a descriptor (/dev/full, a FIFO, /dev/stdout even when it is a file opened
        # with >>): written through, appended to, never replaced
        _write_through(path, chunks)
        return
    if path.is_symlink():  # the link's target is written (atomically), as ``>`` would; the link stays
        path = Path(os.path.realpath(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        blocking = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
        if blocking is not None:  # (mkdir says "File exists", which names the wrong problem)
            raise EnvironmentProblem(f"cannot write: {blocking} is a file, not a folder", file=path,
                                     hint="choose an output path inside a folder") from err
        raise EnvironmentProblem(f"cannot write: {err.strerror or err}", file=path,
                                 hint="check the folder exists and is writable") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunks)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; outputs are for every user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def input_file(path: Path | str, hint: str) -> Path:
    """A file named on the command line, or a one-line usage error saying what the path is instead."""
    path = Path(path)
    if str(path) in ("", "."):  # (an empty argument becomes ".")
        raise UsageError("no file given: the path is empty or the current folder", hint=hint)
    if path.is_dir():
        raise UsageError("is a folder, not a file", file=path, hint=hint)
    if path.exists() and not path.is_file():
        raise UsageError("is not a regular file (a device or a pipe)", file=path, hint=hint)
    if not path.exists():
        raise UsageError("no such file", file=path, hint=hint)
    return path


def _write_through(path: Path, chunks: Sequence[bytes]) -> None:
    try:
        with open(path, "ab") as handle:  # ("ab": a descriptor opened with >> keeps what it holds)
            handle.writelines(chunks)
    except OSError as err:  # (/dev/full: "No space left on device")
        raise EnvironmentProblem(f"cannot write: {err.strerror or err}", file=path,
                                 hint="write to a regular file, or free the device") from err


def cached_pickle(file: Path, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave last time for the same ``key`` (kept in ``file``, pickled).

    For caches the build can always recompute: an unreadable or stale file is recomputed and replaced.
    """
    saved = cached_entry(file)
    if saved is not None and saved[0] == key:
        return saved[1]
    value = compute()
    write_cached(file, key, value)  # (a read-only build folder: `kg validate` still validates)
    return value


def cached_key(file: Path) -> str | None:
    """The key ``cached_pickle`` last stored in ``file`` (None: no readable cache)."""
    saved = cached_entry(file)
    return saved[0] if saved is not None and isinstance(saved[0], str) else None


def cached_value(file: Path, key: str) -> Any:
    """What ``cached_pickle`` (or ``write_cached``) last stored in ``file`` under ``key``; None otherwise:
    for caches updated part by part."""
    saved = cached_entry(file)
    return saved[1] if saved is not None and saved[0] == key else None


def write_cached(file: Path, key: str, value: Any) -> None:
    """Store ``value`` under ``key`` as ``cached_pickle`` does; a cache that cannot be written only costs time."""
    import pickle

    try:
        write_atomic(file, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except EnvironmentProblem:  # (a read-only build folder: the cache is only a faster build)
        pass


def cached_entry(file: Path) -> tuple[Any, Any] | None:
    """(key, value) as ``cached_pickle`` or ``write_cached`` stored them, or None when the file is missing
    or unreadable."""
    import pickle

    try:
        saved_key, value = pickle.loads(file.read_bytes())
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return saved_key, value


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """For code that builds hundreds of thousands of objects and few cycles (a build's records, an
    export's texts): the collector's full passes over them cost more than the work. Restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
