"""Render once per change: each instance keeps the views it computed (timeline pages, the
comparison, the claims list, the event) until it is told that their event changed.

Told means: the instance's own writes, once committed; on PostgreSQL every instance's
LISTEN connection (NOTIFY is sent at commit); on SQLite a look at `event_changes` every half
second. A view is kept only while the instance is being told (the LISTEN connection is up, or
the poll runs): while it is not, nothing is served from memory, and when it is again everything
kept before is dropped, since changes may have been missed meanwhile.

A view computed while its event changed is never kept: each entry remembers the clock of
changes as it was before its computation began, and a change to its event (or to every event)
after that clock makes it stale.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

# What one instance keeps, at most (the least recently used views go first).
MAX_BYTES = 64 * 1024 * 1024
# A view larger than this is computed each time rather than pushing out many others.
MAX_ENTRY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """A rendered view: its body and ETag, its event, the newest change of the event it
    includes (`seq`), and the clock of changes before it was computed (`born`)."""

    event_id: str
    seq: int
    body: bytes
    etag: str
    born: int


class ViewCache:
    """The instance's rendered views, by key, dropped when their event changes."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._bytes = 0
        self._clock = 0
        self._changed: dict[str, int] = {}
        self._changed_all = 0
        # Whether this instance is being told of every change (see the module's docstring).
        self._told = False
        self.hits = 0
        self.misses = 0

    @property
    def clock(self) -> int:
        """The clock of changes now: give it to `put` for a view computed from now on."""
        return self._clock

    def telling(self, told: bool) -> None:
        """Whether changes reach this instance from now on; while they do not, nothing is kept,
        and when they do again everything kept before goes."""
        if told and not self._told:
            self.changed(None)
        self._told = told
        if not told:
            self.clear()

    def changed(self, event_id: str | None) -> None:
        """The event changed (every event, with None): its views computed before are stale."""
        self._clock += 1
        if event_id is None:
            self._changed_all = self._clock
            self.clear()
        else:
            self._changed[event_id] = self._clock

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def _fresh(self, entry: Entry) -> bool:
        return max(self._changed.get(entry.event_id, 0), self._changed_all) <= entry.born

    def get(
        self, key: Hashable, seen: int | Callable[[str], int | None] | None = None
    ) -> Entry | None:
        """The kept view, if fresh and (with `seen`) including the event's change `seen` (or
        the change `seen` gives for the view's event)."""
        entry = self._entries.get(key) if self._told else None
        if entry is None or not self._fresh(entry):
            if entry is not None:
                self._drop(key)
            self.misses += 1
            return None
        if callable(seen):
            seen = seen(entry.event_id)
        if seen is not None and entry.seq < seen:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: Hashable, entry: Entry) -> None:
        """Keep a view computed from `entry.born` on, unless its event changed meanwhile."""
        if not self._told or not self._fresh(entry) or len(entry.body) > MAX_ENTRY_BYTES:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = entry
        self._bytes += len(entry.body)
        while self._bytes > self.max_bytes and self._entries:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key)
        self._bytes -= len(entry.body)
