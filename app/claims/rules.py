"""Rules of claim status that need no database."""

from collections.abc import Hashable, Iterable
from typing import TypeVar

from app.models import ClaimStatus, StanceKind

PartyT = TypeVar("PartyT", bound=Hashable)
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


def current_sides(stances: Iterable[tuple[PartyT, StanceKind]]) -> dict[PartyT, StanceKind]:
    """Each party's latest taken side, from (party, stance) pairs in timeline order.

    `questions` and `neutral` change a party's position but not its side.
    """
    sides: dict[PartyT, StanceKind] = {}
    for party, stance in stances:
        if stance in TAKEN_SIDES:
            sides[party] = stance
    return sides
