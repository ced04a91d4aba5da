"""The comparison of an event's record as it stood at a moment (`app.claims.known`): positions,
counts and relays folded from the record's counted statements with the comparison's rules, and
whether each side is held independently."""

from collections import defaultdict
from datetime import datetime

from app.claims.known import Record, Said
from app.comparisons.echoes import Echoes, Kept
from app.comparisons.independence import Independence
from app.comparisons.rules import Gathered, Position
from app.enums import StanceKind


def gather(
    found: Record, *, as_of: datetime | None, parties: list[str] | None
) -> tuple[Gathered, Independence]:
    """What the comparison of the record's counted statements (said by `as_of`, of `parties`)
    is made of, and whether each side is held independently."""
    listed = set(parties) if parties else None
    kept = [
        item
        for item in found.statements
        if not item.retracted
        and (as_of is None or item.said_at <= as_of)
        and (listed is None or item.party in listed)
    ]
    positions: dict[str, dict[str, Position]] = defaultdict(dict)
    firsts: dict[str, tuple[datetime, str, int]] = {}
    counts: dict[str, int] = defaultdict(int)
    relaying: dict[str, list[Said]] = defaultdict(list)
    for item in kept:
        counts[item.party] += 1
        for source_id in dict.fromkeys(item.relays):
            relaying[source_id].append(item)
        for claim_id, stance, place in item.stances:
            firsts.setdefault(claim_id, (item.said_at, item.id, place))
            position = positions[claim_id].get(item.party)
            if position is None:
                positions[claim_id][item.party] = Position.first(stance, item.id, item.said_at)
            else:
                position.update(stance, item.id, item.said_at)
    relayed = {s: len(items) for s, items in relaying.items() if s not in counts}
    relayed_parties = {s: {item.party for item in relaying[s]} for s in relayed}
    ordered = sorted(positions, key=firsts.__getitem__)
    gathered = Gathered(
        statement_counts=dict(counts),
        positions={claim_id: positions[claim_id] for claim_id in ordered},
        relayed=defaultdict(int, relayed),
        relayed_parties=defaultdict(set, relayed_parties),
        claims=sorted((claim_id, text) for claim_id, (text, _) in found.claims.items()),
    )
    return gathered, _independence(kept, gathered.positions)


def _independence(kept: list[Said], positions: dict[str, dict[str, Position]]) -> Independence:
    independence: Independence = {}
    if not any(item.based_on for item in kept):
        for claim_id, on_claim in positions.items():
            for party_id, position in on_claim.items():
                if position.side is not None:
                    independence[(claim_id, party_id)] = True
        return independence
    graph = {
        item.id: Kept(item.party, {c: s for c, s, _ in item.stances}, item.based_on)
        for item in kept
    }
    echoes = Echoes(graph)
    # Each party's statements taking a stance on a claim, in timeline order.
    taking: dict[tuple[str, str, StanceKind], list[Said]] = defaultdict(list)
    for item in kept:
        for claim_id, stance, _ in item.stances:
            taking[(claim_id, item.party, stance)].append(item)
    for claim_id, on_claim in positions.items():
        for party_id, position in on_claim.items():
            side = position.side
            if side is None:
                continue
            start = (position.side_since, position.side_statement_id)
            independence[(claim_id, party_id)] = any(
                item.point >= start and not echoes.echoes(item.id, claim_id, side)
                for item in taking[(claim_id, party_id, side)]
            )
    return independence
