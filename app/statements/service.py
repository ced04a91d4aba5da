"""Write rules for statements: resolve what they name, record them, retract them."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes import log as change_log
from app.claims import derived
from app.enums import Change
from app.errors import Conflict, InvalidInput, Loc, NotFound
from app.events import service as event_service
from app.events.schemas import InlineEvent
from app.kit.db import Base, utcnow
from app.kit.fields import looks_like_uuid
from app.kit.ids import new_id
from app.kit.slugs import derive_slug, slug_lock_key
from app.kit.writes import bulk_insert, lock_keys
from app.models import Stance, Statement
from app.sources.schemas import SourceCreate
from app.statements import tally
from app.statements.links import check_link, linked_events
from app.statements.references import AnySource, KnownClaim, References
from app.statements.schemas import StatementCreate
from app.statements.wording import with_wording
from app.text import claim_key, fold

Document = dict[str, Any]


def _source_keys(ref: str | SourceCreate | None) -> list[str]:
    if not isinstance(ref, SourceCreate):
        return []
    base = ref.slug or derive_slug(ref.name, fallback="source")
    return [f"source:{fold(ref.name)}", slug_lock_key("sources", base)]


def lock_keys_of(items: Iterable[StatementCreate]) -> set[str]:
    """The keys of everything the items may create, locked together before any is resolved."""
    keys: set[str] = set()
    for item in items:
        if isinstance(item.event, InlineEvent):
            slug = event_service.inline_event_slug(item.event)
            keys.update({f"event:{slug}", slug_lock_key("events", slug)})
        for ref in [item.speaker, item.on_behalf_of, *(relay.source for relay in item.via)]:
            keys.update(_source_keys(ref))
        keys.update(
            f"claim:{claim_key(stance.claim.text)}"
            for stance in item.claims
            if not isinstance(stance.claim, str)
        )
    return keys


@dataclass
class _Rows:
    """The rows a submission inserts, gathered so that each table gets one bulk INSERT, and
    what their documents show of the sources and claims they name."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    relays: list[dict[str, Any]] = field(default_factory=list)
    stances: list[dict[str, Any]] = field(default_factory=list)
    bases: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[uuid.UUID, AnySource] = field(default_factory=dict)
    claims: dict[uuid.UUID, KnownClaim] = field(default_factory=dict)


@dataclass
class Recorded:
    """What a submission recorded, in the order given: the statements' ids, and their
    documents when asked for (an import needs none).

    The documents are built from what the submission holds in memory, exactly as
    `app.statements.queries.represent` reads them back (which `tests/statements` checks)."""

    ids: list[uuid.UUID]
    _rows: "_Rows"

    @property
    def documents(self) -> list[Document]:
        """The statements' documents."""
        return _documents(self._rows)


def _gather(
    references: References,
    data: StatementCreate,
    loc: Loc,
    rows: _Rows,
    linked: dict[uuid.UUID, uuid.UUID],
) -> None:
    """Resolve what a statement names (creating what is new) and add its rows to `rows`;
    `linked` holds the event of each statement it may link to (and gains this one's)."""
    event = references.event(data.event, [*loc, "event"])
    speaker = references.source(data.speaker, [*loc, "speaker"])
    on_behalf_of = (
        references.source(data.on_behalf_of, [*loc, "on_behalf_of"])
        if data.on_behalf_of is not None
        else None
    )
    statement_id = getattr(data, "id", None) or new_id()
    if statement_id in linked:
        raise InvalidInput(f"A statement with id {str(statement_id)!r} exists.", loc=[*loc, "id"])
    if data.responds_to is not None:
        check_link(linked, event.id, statement_id, data.responds_to, [*loc, "responds_to"])
    for position, target in enumerate(data.based_on):
        where: Loc = [*loc, "based_on", position]
        check_link(linked, event.id, statement_id, target, where)
        if target in data.based_on[:position]:
            raise InvalidInput("The statement names this statement twice.", loc=where)
        rows.bases.append(
            {
                "statement_id": statement_id,
                "position": position,
                "event_id": event.id,
                "based_on_id": target,
            }
        )
    rows.sources[speaker.id] = speaker
    if on_behalf_of is not None:
        rows.sources[on_behalf_of.id] = on_behalf_of
    for position, relay in enumerate(data.via):
        source = references.source(relay.source, [*loc, "via", position, "source"])
        rows.sources[source.id] = source
        rows.relays.append(
            {
                "statement_id": statement_id,
                "position": position,
                "source_id": source.id,
                "url": relay.url,
                "published_at": relay.published_at,
                "quote": relay.quote,
                "archive_url": relay.archive_url,
            }
        )
    named: set[uuid.UUID] = set()
    for position, stance in enumerate(data.claims):
        claim_loc: Loc = [*loc, "claims", position, "claim"]
        claim = references.claim(stance.claim, event, claim_loc)
        if claim.id in named:
            raise InvalidInput("The statement names this claim twice.", loc=claim_loc)
        named.add(claim.id)
        rows.claims[claim.id] = claim
        rows.stances.append(
            {
                "statement_id": statement_id,
                "claim_id": claim.id,
                "position": position,
                "stance": stance.stance,
                "quote": stance.quote,
                "said_at": data.said_at,
            }
        )
    rows.statements.append(
        {
            "id": statement_id,
            "event_id": event.id,
            "speaker_id": speaker.id,
            "on_behalf_of_id": on_behalf_of.id if on_behalf_of else None,
            "party_id": (on_behalf_of or speaker).id,
            "text": data.text,
            "said_at": data.said_at,
            "said_at_precision": data.said_at_precision,
            "medium": data.medium,
            "url": data.url,
            "archive_url": data.archive_url,
            "responds_to_id": data.responds_to,
            "language": data.language,
            "recorded_at": None,
            "retracted_at": None,
            "retraction_reason": None,
            "retracted_by": None,
        }
    )
    linked[statement_id] = event.id


async def _with_derived(session: AsyncSession, rows: _Rows) -> list[dict[str, Any]]:
    """The new stance rows with their derived values, from a replay of their claims."""
    parties = {row["id"]: row["party_id"] for row in rows.statements}
    new = [
        derived.NewStance(
            statement_id=row["statement_id"],
            claim_id=row["claim_id"],
            party_id=parties[row["statement_id"]],
            stance=row["stance"],
            said_at=row["said_at"],
        )
        for row in rows.stances
    ]
    # Each claim's timeline changes from its earliest new stance on.
    starts: dict[uuid.UUID, derived.Point] = {}
    for stance in new:
        point = (stance.said_at, stance.statement_id)
        if stance.claim_id not in starts or point < starts[stance.claim_id]:
            starts[stance.claim_id] = point
    refreshed = await derived.refresh_with_new(session=session, starts=starts, new_stances=new)
    complete = []
    for row in rows.stances:
        values = refreshed.new[(row["statement_id"], row["claim_id"])]
        complete.append(
            {
                **row,
                "party_id": parties[row["statement_id"]],
                **dict(zip(derived.STORED_COLUMNS, derived.stored_values(values), strict=True)),
            }
        )
    return complete


def _summary(source: AnySource | None) -> Document | None:
    if source is None:
        return None
    return {"id": str(source.id), "slug": source.slug, "name": source.name, "kind": source.kind}


def _documents(rows: _Rows) -> list[Document]:
    """The recorded statements' documents, as `app.statements.queries.documents` shows them."""
    relays: dict[uuid.UUID, list[Document]] = defaultdict(list)
    for relay in rows.relays:  # gathered in each statement's order of relays
        relays[relay["statement_id"]].append(
            {
                "source": _summary(rows.sources[relay["source_id"]]),
                "url": relay["url"],
                "published_at": relay["published_at"],
                "quote": relay["quote"],
                "archive_url": relay["archive_url"],
            }
        )
    bases: dict[uuid.UUID, list[str]] = defaultdict(list)
    for basis in rows.bases:
        bases[basis["statement_id"]].append(str(basis["based_on_id"]))
    stances: dict[uuid.UUID, list[Document]] = defaultdict(list)
    for stance in rows.stances:
        stances[stance["statement_id"]].append(
            {
                "claim_id": str(stance["claim_id"]),
                "claim_text": rows.claims[stance["claim_id"]].text,
                "stance": stance["stance"],
                "quote": stance["quote"],
            }
        )
    return [
        {
            "id": str(row["id"]),
            "event_id": str(row["event_id"]),
            "speaker": _summary(rows.sources[row["speaker_id"]]),
            "on_behalf_of": _summary(rows.sources.get(row["on_behalf_of_id"])),
            "text": row["text"],
            "said_at": row["said_at"],
            "said_at_precision": row["said_at_precision"],
            "medium": row["medium"],
            "url": row["url"],
            "archive_url": row["archive_url"],
            "language": row["language"],
            "responds_to": str(row["responds_to_id"]) if row["responds_to_id"] else None,
            "based_on": bases[row["id"]],
            "via": with_wording(row["text"], row["said_at"], relays[row["id"]]),
            "stances": stances[row["id"]],
            "recorded_at": row["recorded_at"],
            "retracted_at": None,
            "retraction_reason": None,
        }
        for row in rows.statements
    ]


async def submit(
    *,
    session: AsyncSession,
    items: Sequence[StatementCreate],
    locs: Sequence[Loc],
    recorded_by: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Record statements in order, creating what they name inline; all or nothing; return
    their ids (`record` also gives their documents)."""
    return (await record(session=session, items=items, locs=locs, recorded_by=recorded_by)).ids


async def record(
    *,
    session: AsyncSession,
    items: Sequence[StatementCreate],
    locs: Sequence[Loc],
    recorded_by: uuid.UUID | None = None,
) -> Recorded:
    """Record statements in order, creating what they name inline; all or nothing.

    References are looked up together, then resolved item by item (a later item may use what
    an earlier one created); new sources and claims, then the statements, relays and stances are
    inserted with one bulk INSERT per table.
    """
    await lock_keys(session, lock_keys_of(items))
    references = References(session)
    await references.prefetch(items)
    rows = _Rows()
    linked = await linked_events(session, items)
    for item, loc in zip(items, locs, strict=True):
        _gather(references, item, loc, rows, linked)
    replaced = await references.store_new()
    # One instant for the whole submission, taken after its new claims were stamped: at any
    # `known_at`, a statement counts only with the claims it names.
    recorded_at = utcnow()
    for row in rows.statements:
        row["recorded_by"] = recorded_by
        row["recorded_at"] = recorded_at
    if replaced:
        for row in rows.stances:
            row["claim_id"] = replaced.get(row["claim_id"], row["claim_id"])
        # Another transaction's claims, whose stored text may be written otherwise.
        rows.claims.update(await references.claims_named(set(replaced.values())))
    await change_log.lock_events(session, (row["event_id"] for row in rows.statements))
    # COPY or Core INSERTs on the tables: the ORM's bulk path costs several times more.
    tables = Base.metadata.tables
    await bulk_insert(session, tables["statements"], rows.statements)
    await bulk_insert(session, tables["relays"], rows.relays)
    await bulk_insert(session, tables["statement_bases"], rows.bases)
    await bulk_insert(session, tables["stances"], await _with_derived(session, rows))
    await tally.count_recorded(
        session,
        ((row["id"], row["event_id"], row["party_id"]) for row in rows.statements),
        ((row["statement_id"], row["source_id"]) for row in rows.relays),
    )
    await tally.mark_recorded(
        session,
        ((row["id"], row["event_id"], row["party_id"], row["said_at"]) for row in rows.statements),
        ((row["statement_id"], row["source_id"]) for row in rows.relays),
    )
    await change_log.record(
        session, ((row["event_id"], row["id"]) for row in rows.statements), Change.recorded
    )
    return Recorded(ids=[row["id"] for row in rows.statements], _rows=rows)


async def get(*, session: AsyncSession, ref: str) -> Statement:
    """The statement with this id; 404 when there is none."""
    statement = await session.get(Statement, uuid.UUID(ref)) if looks_like_uuid(ref) else None
    if statement is None:
        raise NotFound(f"There is no statement with id {ref!r}.")
    return statement


async def retract(
    *, session: AsyncSession, ref: str, reason: str, retracted_by: uuid.UUID | None = None
) -> Statement:
    """Mark a statement retracted; it stays readable but no longer counts. Again: 409."""
    statement = await get(session=session, ref=ref)
    locked = await session.scalar(
        select(Statement).where(Statement.id == statement.id).with_for_update()
    )
    assert locked is not None
    if locked.retracted_at is not None:
        raise Conflict(f"The statement was already retracted at {locked.retracted_at}.")
    await change_log.lock_events(session, [locked.event_id])
    locked.retracted_at = utcnow()
    locked.retraction_reason = reason
    locked.retracted_by = retracted_by
    await session.flush()
    claim_ids = (
        await session.scalars(select(Stance.claim_id).where(Stance.statement_id == locked.id))
    ).all()
    point = (locked.said_at, locked.id)
    await derived.refresh_derived(session=session, starts=dict.fromkeys(claim_ids, point))
    await tally.count_retracted(session, locked)
    await change_log.record(session, [(locked.event_id, locked.id)], Change.retracted)
    return locked
