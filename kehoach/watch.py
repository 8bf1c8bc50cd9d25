"""Changes under a folder, as the operating system reports them (inotify on Linux, FSEvents on macOS,
through watchdog, the library MkDocs watches with).

MkDocs' `serve` watches by polling: every half second it lists and stats every file it watches. At
10,000 plans that is 12 s of CPU in 17 s, in the process that builds, while it builds (a change took
13 s to show; the build alone, 11 s). Notified, a change costs nothing until it happens and is seen at
once. Only what changes a file counts: the build reads every plan, and reading one is not a change."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer

log = logging.getLogger(__name__)

# a file written (modified, then closed after writing), made, removed or renamed; a folder made, removed
# or renamed (a commune's folder moved holds its plans). Not: opened, read, closed unwritten, its metadata.
CHANGES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class _Changed(FileSystemEventHandler):
    def __init__(self, call: Callable[[FileSystemEvent], None]):
        self.call = call

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.call(event)


class Watch:
    """`on_change(event)` called, from another thread, for each change under `folder` and its
    subfolders (those made later too) until `stop()`. Raises OSError where the system cannot watch
    so many folders (Linux: fs.inotify.max_user_watches)."""

    def __init__(self, folder: Path, on_change: Callable[[FileSystemEvent], None]):
        self.folder = folder
        self._observer = Observer()
        self._observer.schedule(_Changed(on_change), str(folder), recursive=True, event_filter=CHANGES)
        self._observer.start()  # inotify: every folder is watched before start returns
        if not self._observer.is_alive():
            raise OSError(f"{folder}: cannot be watched")

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(5)


__all__ = ["CHANGES", "Watch"]
