"""Independent voices in the comparison, from the values kept with the data.

Most events have no `based_on` link at all: one seek on the links' index says so, and every
side is then held independently. Otherwise the event's link graph is read (its links, and the
party and stances of each statement at either end of one), which grows with the links, not
with the event; a side is independent as soon as one of its party's statements taking it since
the side's start is not based on anything (one seek a side, on the party's timeline of the
claim) or, being based on others, echoes nobody (`app.comparisons.echoes`).
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, or_, select

from app.comparisons.echoes import Echoes, Kept
from app.comparisons.rules import Position
from app.enums import StanceKind
from app.kit.db import UTCDateTime
from app.kit.fields import aware
from app.kit.reader import Query, Reader, any_of, uuid_text
from app.models import Stance, Statement, StatementBasis

_EVENT = bindparam("event_id", type_=Uuid)
_HAS_LINKS = Query(
    select(StatementBasis.statement_id)
    .where(StatementBasis.event_id == _EVENT)
    .limit(bindparam("one"))
)
_LINKS = Query(
    select(uuid_text(StatementBasis.statement_id), uuid_text(StatementBasis.based_on_id))
    .where(StatementBasis.event_id == _EVENT)
    .order_by(StatementBasis.statement_id, StatementBasis.position)
)
_NODES = Query(
    select(
        uuid_text(Statement.id),
        uuid_text(Statement.party_id),
        Statement.said_at,
        Statement.recorded_at,
        Statement.retracted_at,
    ).where(any_of(Statement.id, "ids"))
)
_NODE_STANCES = Query(
    select(uuid_text(Stance.statement_id), uuid_text(Stance.claim_id), Stance.stance).where(
        any_of(Stance.statement_id, "ids")
    )
)


@cache
def _unlinked_since(as_of: bool) -> Query:
    """One of the party's kept stances taking the side on the claim since the side's start
    whose statement is based on nothing (it cannot echo)."""
    instant = UTCDateTime()
    said_at, statement_id = bindparam("side_at", type_=instant), bindparam("side_id", type_=Uuid)
    query = (
        select(Stance.statement_id)
        .join(Statement, Statement.id == Stance.statement_id)
        .where(
            Stance.claim_id == bindparam("claim_id", type_=Uuid),
            Stance.party_id == bindparam("party_id", type_=Uuid),
            Stance.said_at >= said_at,
            or_(Stance.said_at > said_at, Stance.statement_id >= statement_id),
            Stance.stance == bindparam("stance"),
            Statement.retracted_at.is_(None),
            ~exists().where(StatementBasis.statement_id == Stance.statement_id),
        )
    )
    if as_of:
        query = query.where(Stance.said_at <= bindparam("as_of", type_=instant))
    return Query(query.limit(bindparam("one")))


Independence = dict[tuple[str, str], bool]
# Whether a statement counts, from its party, said_at, recorded_at and retracted_at.
Counts = Callable[[str, datetime, datetime, datetime | None], bool]


def _sides(positions: dict[str, dict[str, Position]]) -> list[tuple[str, str, Position]]:
    return [
        (claim_id, party_id, position)
        for claim_id, on_claim in positions.items()
        for party_id, position in on_claim.items()
        if position.side is not None
    ]


class Graph:
    """The kept statements at either end of a `based_on` link, with their points in the
    timeline, and which of them echo."""

    def __init__(self, kept: dict[str, Kept], points: dict[str, tuple[datetime, str]]) -> None:
        self.kept, self.points, self.echoes = kept, points, Echoes(kept)
        self.linked: dict[str, list[str]] = defaultdict(list)
        for statement_id, statement in kept.items():
            if statement.based_on:
                self.linked[statement.party].append(statement_id)

    def based(self, statement_id: str) -> bool:
        """Whether the statement counts and is based on others (else it cannot echo)."""
        found = self.kept.get(statement_id)
        return found is not None and bool(found.based_on)

    def echo_free_since(self, claim_id: str, party_id: str, position: Position) -> bool:
        """Whether a linked statement of the party takes its side since the side's start and
        echoes nobody."""
        side = position.side
        assert side is not None
        start = (aware(position.side_since), str(position.side_statement_id))
        return any(
            self.kept[statement_id].stances.get(claim_id) == side
            and self.points[statement_id] >= start
            and not self.echoes.echoes(statement_id, claim_id, side)
            for statement_id in self.linked.get(party_id, ())
        )


async def graph(reader: Reader, event_id: str, counts: Counts) -> Graph | None:
    """The event's link graph over the statements that count; None when it has no link."""
    params: dict[str, Any] = {"event_id": uuid.UUID(event_id), "one": 1}
    if not await reader.fetch(_HAS_LINKS, params):
        return None
    bases: dict[str, list[str]] = defaultdict(list)
    for statement_id, based_on_id in await reader.fetch(_LINKS, params):
        bases[statement_id].append(based_on_id)
    ids = sorted(set(bases) | {b for targets in bases.values() for b in targets})
    stances: dict[str, dict[str, StanceKind]] = defaultdict(dict)
    for statement_id, claim_id, stance in await reader.fetch(_NODE_STANCES, {"ids": ids}):
        stances[statement_id][claim_id] = StanceKind(stance)
    kept: dict[str, Kept] = {}
    points: dict[str, tuple[datetime, str]] = {}
    for statement_id, party_id, said_at, recorded_at, retracted_at in await reader.fetch(
        _NODES, {"ids": ids}
    ):
        said = aware(said_at)
        retracted = aware(retracted_at) if retracted_at is not None else None
        if counts(party_id, said, aware(recorded_at), retracted):
            kept[statement_id] = Kept(
                party_id, stances.get(statement_id, {}), tuple(bases.get(statement_id, ()))
            )
            points[statement_id] = (said, statement_id)
    return Graph(kept, points)


async def stored(
    reader: Reader,
    event_id: str,
    positions: dict[str, dict[str, Position]],
    *,
    as_of: datetime | None,
    parties: list[str] | None,
) -> Independence:
    """Whether each party's side on each claim (of the positions gathered) is independent."""
    sides = _sides(positions)
    listed = set(parties) if parties else None

    def counts(party: str, said_at: datetime, _: datetime, retracted_at: datetime | None) -> bool:
        if retracted_at is not None or (listed is not None and party not in listed):
            return False
        return as_of is None or said_at <= as_of

    found = await graph(reader, event_id, counts) if sides else None
    if found is None:
        return {(claim_id, party_id): True for claim_id, party_id, _ in sides}
    independence: Independence = {}
    unlinked = _unlinked_since(as_of is not None)
    for claim_id, party_id, position in sides:
        side = position.side
        assert side is not None
        # The statement that set the side takes it; based on nothing, it echoes nobody.
        if not found.based(str(position.side_statement_id)) or found.echo_free_since(
            claim_id, party_id, position
        ):
            independence[(claim_id, party_id)] = True
            continue
        rows = await reader.fetch(
            unlinked,
            {
                "claim_id": uuid.UUID(claim_id),
                "party_id": uuid.UUID(party_id),
                "side_at": aware(position.side_since),
                "side_id": uuid.UUID(str(position.side_statement_id)),
                "stance": side.value,
                "as_of": as_of,
                "one": 1,
            },
        )
        independence[(claim_id, party_id)] = bool(rows)
    return independence
