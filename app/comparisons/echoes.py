"""Which sides of a claim are held independently rather than echoed: the `based_on` links of
kept statements (`../shared/CONTRACT.md`, "Independent voices"). No database."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.enums import StanceKind


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
