"""The site's files written by a few threads while the build goes on.

Making a file and its folder waits on the disk's journal, not on the processor: on this machine,
shared and busy, 16,000 pages in their own folders took 6–23 s written one after another, 12 s by
four threads (a build at 10,000 plans writes 42,000 files in 16,000 folders). The threads write what
the build hands them; the build renders the next page meanwhile. At most `PENDING` files wait in
memory: a build that makes pages faster than the disk takes them waits for it."""

from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

THREADS = 4
PENDING = 1024


class Writer:
    """Writes files under `root` (`write`, `copy`), in the background; `close` waits for all of them
    and raises the first error, naming the file."""

    def __init__(self, root: str | Path, threads: int = THREADS, pending: int = PENDING):
        self.root = str(root)
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="kehoach-write")
        self._room = threading.BoundedSemaphore(pending)
        self._folders: set[str] = set()
        self._errors: list[OSError] = []
        self.count = 0

    def write(self, path: str, data: bytes) -> None:
        """Write `data` to `path` (relative to the root, "/"-separated)."""
        self._submit(self._write, path, data)

    def copy(self, path: str, source: str | Path) -> None:
        """Copy the file `source` to `path`."""
        self._submit(self._copy, path, str(source))

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._errors:
            raise self._errors[0]

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _submit(self, job, path: str, what) -> None:
        if self._errors:  # a file could not be written: the build stops at its next file
            self.close()
        self._room.acquire()
        self.count += 1
        self._pool.submit(job, path, what).add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        self._room.release()
        err = future.exception()
        if err is not None:
            self._errors.append(err)

    def _target(self, path: str) -> str:
        target = os.path.join(self.root, *path.split("/"))
        folder = os.path.dirname(target)
        if folder not in self._folders:  # one check per folder, not per file
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def _write(self, path: str, data: bytes) -> None:
        try:
            with open(self._target(path), "wb") as f:
                f.write(data)
        except OSError as err:
            raise OSError(err.errno, f"cannot write {os.path.join(self.root, path)}: {err.strerror}") from err

    def _copy(self, path: str, source: str) -> None:
        try:
            shutil.copyfile(source, self._target(path))
        except OSError as err:
            raise OSError(err.errno, f"cannot copy {source} to {os.path.join(self.root, path)}: {err.strerror}") \
                from err


__all__ = ["PENDING", "THREADS", "Writer"]
