"""Rules of claim status that need no database."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

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
    """A stance on one claim, as the timeline replays it."""

    party: Hashable
    stance: StanceKind
    retracted: bool


@dataclass(frozen=True)
class Derived:
    """The values a stance carries in the timeline, and where its party stood just before."""

    first_mention: bool
    reversal: bool
    status_after: ClaimStatus
    position_before: StanceKind | None = None
    side_before: StanceKind | None = None


@dataclass
class ClaimState:
    """Where a claim's timeline stands after some of its stances: each party's latest stance
    (its position) and latest taken side, and whether anything was said yet."""

    positions: dict[Hashable, StanceKind] = field(default_factory=dict)
    sides: dict[Hashable, StanceKind] = field(default_factory=dict)
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
        if item.retracted:
            derived.append(
                Derived(
                    first_mention=False,
                    reversal=False,
                    status_after=status,
                    position_before=position_before,
                    side_before=before,
                )
            )
            continue
        first_mention = not state.mentioned
        state.mentioned = True
        reversal = item.stance in TAKEN_SIDES and before is not None and before != item.stance
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
            )
        )
    return derived, state
