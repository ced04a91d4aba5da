"""Rules of provenance that need no database: a relay's drift and delay, and which sides of a
claim are held independently rather than echoed (`../shared/CONTRACT.md`, "v1.1 additions")."""

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import Any

from app.enums import StanceKind


def wording(text: str) -> str:
    """Text as drift compares it: NFKC, case-folded, every run of whitespace one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def drift(quote: str, before: str) -> float:
    """1 minus the Ratcliff/Obershelp similarity of a hop's quote and the wording before it."""
    matcher = SequenceMatcher(None, wording(quote), wording(before), autojunk=False)
    return round(1 - matcher.ratio(), 3)


def aware(value: datetime | str) -> datetime:
    # Rows of SQLite's reads carry RFC 3339 text, PostgreSQL's datetimes.
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def delay_s(said_at: datetime | str, published_at: datetime | str | None) -> int | None:
    """Whole seconds from `said_at` to a hop's `published_at`, truncated toward zero."""
    if published_at is None:
        return None
    elapsed = aware(published_at) - aware(said_at)
    micros = (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds
    whole = abs(micros) // 1_000_000
    return whole if micros >= 0 else -whole


def with_wording(text: str, said_at: Any, relays: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each relay document (in order, nearest to the speaker first) given its `drift` and
    `delay_s`: the wording before a hop is the nearest earlier hop's quote, else `text`."""
    before = text
    for relay in relays:
        quote = relay["quote"]
        if quote is None:
            relay["drift"] = None
        else:
            relay["drift"] = drift(quote, before)
            before = quote
        relay["delay_s"] = delay_s(said_at, relay["published_at"])
    return relays


@dataclass(frozen=True)
class Kept:
    """A kept statement, as independence sees it: its party, its stances by claim, and the
    statements it is based on."""

    party: Any
    stances: Mapping[Any, StanceKind]
    based_on: tuple[Any, ...] = ()


class Echoes:
    """Which kept statements echo on (claim, stance): a kept statement reachable from them
    through `based_on` links (through kept statements only) has another party and takes that
    stance on that claim."""

    def __init__(self, kept: Mapping[Any, Kept]) -> None:
        self._kept = kept
        self._reach: dict[Any, frozenset[Any]] = {}

    def _reachable(self, start: Any) -> frozenset[Any]:
        """The kept statements reachable from `start` through one link or more."""
        if start in self._reach:
            return self._reach[start]
        seen: set[Any] = set()
        stack = [b for b in self._kept[start].based_on if b in self._kept]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(b for b in self._kept[current].based_on if b in self._kept)
        found = self._reach[start] = frozenset(seen)
        return found

    def echoes(self, statement: Any, claim: Any, stance: StanceKind) -> bool:
        """Whether the kept statement echoes on (claim, stance)."""
        kept = self._kept.get(statement)
        if kept is None or not kept.based_on:
            return False
        return any(
            self._kept[other].party != kept.party and self._kept[other].stances.get(claim) == stance
            for other in self._reachable(statement)
        )


def independent(echoes: Echoes, claim: Any, stance: StanceKind, statements: Iterable[Any]) -> bool:
    """Whether a side is held independently: at least one of the party's kept statements taking
    it, since the one from which it has held, does not echo on (claim, side)."""
    return any(not echoes.echoes(statement, claim, stance) for statement in statements)
