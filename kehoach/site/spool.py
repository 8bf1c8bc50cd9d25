"""Plans' full texts kept out of memory until their page is rendered: read back from the file of the
converter's cache that holds each (`kept`), or, in a build without a cache, written once, as UTF-8,
to a temporary file of this build (removed with it). At 30,000 plans the texts are ~450 MB as Python
strings; a page holds only where its text is and the text's digest, which is what its fingerprint
reads."""

from __future__ import annotations

import hashlib
import os
import tempfile
import weakref

from markupsafe import Markup

from .sanitize import cleaned


class Spool:
    """A temporary file of full texts, removed when no text written to it is held any more. Handed to
    another process (pickled), it is opened there for reading, by its path: the search index, written
    beside the build, reads the texts from it."""

    def __init__(self):
        self.path: str | None = None  # made with the first text put in it (with the converter's cache, never)
        self._file = None
        self._end = 0

    def put(self, html: str) -> Spooled:
        """Keep `html` (sanitised: fulltext.Rendering gives it so) until its page asks for it."""
        if self._file is None:
            fd, self.path = tempfile.mkstemp(prefix="kehoach-", suffix=".tmp")
            self._file = os.fdopen(fd, "w+b")
            weakref.finalize(self, _remove, self._file, self.path)
        data = html.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self._file.flush()
        spooled = Spooled(self, self._end, len(data), hashlib.blake2b(data, digest_size=16).hexdigest())
        self._end += len(data)
        return spooled

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self._file.fileno(), length, offset)

    def __reduce__(self):
        return _Reader, (self.path,)


class _Reader:
    """A spool in another process: opened once, read as the process needs."""

    def __init__(self, path: str):
        self.path = path
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self._fd, length, offset)

    def __reduce__(self):
        return _Reader, (self.path,)


def _remove(file, path: str) -> None:
    file.close()
    try:
        os.unlink(path)
    except OSError:
        pass


class _File:
    """A whole file of the converter's cache, read when asked for."""

    __slots__ = ("path",)

    def __init__(self, path: str):
        self.path = path

    def read(self, offset: int, length: int) -> bytes:
        with open(self.path, "rb") as f:
            return f.read()


def kept(path: str, digest: str) -> Spooled:
    """The text of the file at `path`, which never changes under this `digest` (the cache's key)."""
    return Spooled(_File(path), 0, -1, digest)


class Spooled:
    """A full text in a Spool: `load()` gives it back as the one HTML a template writes as it is."""

    __slots__ = ("spool", "offset", "length", "digest")

    def __init__(self, spool: Spool | _Reader, offset: int, length: int, digest: str):
        self.spool, self.offset, self.length, self.digest = spool, offset, length, digest

    def text(self) -> str:
        return self.spool.read(self.offset, self.length).decode("utf-8", "surrogatepass")

    def load(self) -> Markup:
        return cleaned(self.text())


def text_of(html: str | Spooled) -> str:
    return html.text() if isinstance(html, Spooled) else html


__all__ = ["Spool", "Spooled", "kept", "text_of"]
