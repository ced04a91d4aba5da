"""Rules of the comparison that need no database: positions, sides and agreement."""

from dataclasses import dataclass, field
from typing import Any

from app.claims.rules import TAKEN_SIDES
from app.enums import StanceKind


@dataclass
class Position:
    """A party's standing on one claim, folded from its stances in timeline order.

    Statement ids and instants are kept as given (raw database values, for speed).
    """

    stance: StanceKind
    statement_id: Any
    since: Any
    side: StanceKind | None = None
    side_statement_id: Any = None
    side_since: Any = None
    sides_taken: set[StanceKind] = field(default_factory=set)

    @classmethod
    def first(cls, stance: StanceKind, statement_id: Any, said_at: Any) -> "Position":
        """The position a party's first stance on a claim sets."""
        position = cls(stance=stance, statement_id=statement_id, since=said_at)
        position._take_side(stance, statement_id, said_at)
        return position

    def update(self, stance: StanceKind, statement_id: Any, said_at: Any) -> None:
        """Fold in a later stance; a repeat of the same stance or side moves nothing."""
        if stance != self.stance:
            self.stance, self.statement_id, self.since = stance, statement_id, said_at
        self._take_side(stance, statement_id, said_at)

    def _take_side(self, stance: StanceKind, statement_id: Any, said_at: Any) -> None:
        if stance in TAKEN_SIDES and stance != self.side:
            self.side, self.side_statement_id, self.side_since = stance, statement_id, said_at
            self.sides_taken.add(stance)

    @property
    def changed(self) -> bool:
        """Whether the party has taken both sides of the claim at some point."""
        return self.sides_taken == TAKEN_SIDES


def agreement(
    sides_a: dict[Any, StanceKind], sides_b: dict[Any, StanceKind]
) -> tuple[int, int, int]:
    """(shared, agree, disagree) over the claims on which both parties have a side."""
    shared = sides_a.keys() & sides_b.keys()
    agree = sum(1 for claim in shared if sides_a[claim] == sides_b[claim])
    return len(shared), agree, len(shared) - agree


@dataclass
class Gathered:
    """What a comparison is made of, however it was read: statements per party, positions per
    claim (claims by first mention), relayed statements and parties per relay source, and the
    event's claims (id, text) by creation."""

    statement_counts: dict[str, int]
    positions: dict[str, dict[str, Position]]
    relayed: dict[str, int]
    relayed_parties: dict[str, set[str]]
    claims: list[tuple[str, str]]
