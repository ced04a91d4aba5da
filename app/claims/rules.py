"""Rules of claim status that need no database."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app.enums import ClaimStatus, StanceKind

TAKEN_SIDES = frozenset({StanceKind.supports, StanceKind.refutes})


def status_from_sides(sides: Iterable[StanceKind]) -> ClaimStatus:
    """The status of a claim from every party's current side on it.

    None is `open`; only supports is `asserted`; only refutes is `denied`; both is `contested`.
    """
    present = set(sides) & TAKEN_SIDES
    if present == TAKEN_SIDES:
        return ClaimStatus.contested
    if StanceKind.supports in present:
        return ClaimStatus.asserted
    if StanceKind.refutes in present:
        return ClaimStatus.denied
    return ClaimStatus.open


@dataclass(frozen=True)
class StanceInTimeline:
    """A stance on one claim, as the timeline replays it; `statement` and `said_at` (opaque
    here) name it in the chains it starts."""

    party: Hashable
    stance: StanceKind
    retracted: bool
    statement: Any = None
    said_at: Any = None


class Chain(NamedTuple):
    """Since when a party's standing on a claim has held, after one of its stances: the
    statement (and its `said_at`) from which its position has held without a break, the one
    that set its side (None without a side), whether it has taken both sides, and its first
    counted stance on the claim. The comparison's `since`, `statement_id`, contradictions'
    statements and `changed`, kept with the data."""

    since_id: Any
    since_at: Any
    side_id: Any
    side_at: Any
    changed: bool
    first_id: Any
    first_at: Any


def next_chain(
    chain: Chain | None,
    position_before: StanceKind | None,
    side_before: StanceKind | None,
    item: StanceInTimeline,
) -> Chain:
    """The party's chain after a counted stance, from its chain and standing just before."""
    taken = item.stance in TAKEN_SIDES
    if chain is None:
        side_id, side_at = (item.statement, item.said_at) if taken else (None, None)
        return Chain(
            item.statement, item.said_at, side_id, side_at, False, item.statement, item.said_at
        )
    since_id, since_at, side_id, side_at, changed, first_id, first_at = chain
    if item.stance != position_before:
        since_id, since_at = item.statement, item.said_at
    if taken and item.stance != side_before:
        side_id, side_at = item.statement, item.said_at
        # The side only moves to the opposite one, or to one where there was none.
        changed = changed or side_before is not None
    return Chain(since_id, since_at, side_id, side_at, changed, first_id, first_at)


@dataclass(frozen=True)
class Derived:
    """The values a stance carries in the timeline, and where its party stood just before."""

    first_mention: bool
    reversal: bool
    status_after: ClaimStatus
    position_before: StanceKind | None = None
    side_before: StanceKind | None = None
    # The party's chain after this stance (before it, for a retracted one); None while the
    # party has no counted stance on the claim.
    chain: Chain | None = None
    # The claim's status moved here: `status_after` differs from the status just before.
    status_changed: bool = False


@dataclass
class ClaimState:
    """Where a claim's timeline stands after some of its stances: each party's latest stance
    (its position) and latest taken side, and whether anything was said yet."""

    positions: dict[Hashable, StanceKind] = field(default_factory=dict)
    sides: dict[Hashable, StanceKind] = field(default_factory=dict)
    chains: dict[Hashable, Chain] = field(default_factory=dict)
    mentioned: bool = False

    @property
    def status(self) -> ClaimStatus:
        """The claim's status at this point."""
        return status_from_sides(self.sides.values())


def replay(
    stances: Iterable[StanceInTimeline], state: ClaimState | None = None
) -> tuple[list[Derived], ClaimState]:
    """The derived values of each stance on one claim, in timeline order, and the state after
    them; `state` is where the timeline stood before the first of them (the start by default).

    A retracted stance takes part in nothing: it is no first mention and no reversal, and its
    `status_after` is the status just before it.
    """
    state = state or ClaimState()
    status = state.status
    # How many parties hold each side, kept as sides change: the status in constant time.
    held = Counter(state.sides.values())
    derived = []
    for item in stances:
        position_before = state.positions.get(item.party)
        before = state.sides.get(item.party)
        chain = state.chains.get(item.party)
        if item.retracted:
            derived.append(
                Derived(
                    first_mention=False,
                    reversal=False,
                    status_after=status,
                    position_before=position_before,
                    side_before=before,
                    chain=chain,
                )
            )
            continue
        chain = state.chains[item.party] = next_chain(chain, position_before, before, item)
        first_mention = not state.mentioned
        state.mentioned = True
        reversal = item.stance in TAKEN_SIDES and before is not None and before != item.stance
        status_before = status
        if item.stance in TAKEN_SIDES and item.stance != before:
            state.sides[item.party] = item.stance
            held[item.stance] += 1
            if before is not None:
                held[before] -= 1
            status = status_from_sides(side for side, count in held.items() if count)
        state.positions[item.party] = item.stance
        derived.append(
            Derived(
                first_mention=first_mention,
                reversal=reversal,
                status_after=status,
                position_before=position_before,
                side_before=before,
                chain=chain,
                status_changed=status != status_before,
            )
        )
    return derived, state
