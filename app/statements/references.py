"""What a submission names (events, sources, claims), resolved for all its statements at once.

A batch of 1000 statements names a few hundred things. They are looked up together first (a
handful of queries), then each statement's references are resolved in order from memory, so a
later statement sees what an earlier one creates; new sources and claims are inserted together
at the end. The rules are those of one statement:
sources by id or slug, or inline by slug, else by name or alias (the oldest), else created with a
free slug; events by id or slug, or inline get-or-create by slug; claims by id (of the same
event), or by normalized text within the event.
"""

import uuid
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import select, text, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import ClaimStatus, SourceKind
from app.errors import Conflict, InvalidInput, Loc
from app.events import service as event_service
from app.events.schemas import InlineEvent
from app.kit.db import Base, utcnow
from app.kit.fields import is_slug, looks_like_uuid
from app.kit.ids import new_id
from app.kit.slugs import derive_slug, next_free_slug, taken_slugs
from app.kit.writes import list_value, one_of, seek_each
from app.models import Claim, Event, Source
from app.sources import service as source_service
from app.sources.schemas import SourceCreate
from app.statements.schemas import InlineClaim, StatementCreate
from app.text import claim_key, fold, text_hash


@lru_cache(maxsize=8192)
def _ref_key(ref: str) -> str | None:
    """How a text reference is looked up: by id or by slug (None: it can name nothing)."""
    if looks_like_uuid(ref):
        return f"id:{uuid.UUID(ref)}"
    return f"slug:{ref}" if is_slug(ref) else None


class KnownSource(NamedTuple):
    """A stored source as a submission uses it (a new one is a `Source` to insert)."""

    id: uuid.UUID
    slug: str
    name: str
    kind: SourceKind


class KnownEvent(NamedTuple):
    """A stored event as a submission uses it (a new one is an `Event` to insert)."""

    id: uuid.UUID
    slug: str


AnySource = Source | KnownSource
AnyEvent = Event | KnownEvent


class KnownClaim(NamedTuple):
    """A claim a submission names: found by the look-up, or new (inserted by `store_new`)."""

    id: uuid.UUID
    event_id: uuid.UUID
    text: str
    text_hash: str


class References:
    """The events, sources and claims of one submission, looked up in bulk."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.events: dict[str, AnyEvent] = {}
        self.sources: dict[str, AnySource] = {}
        self.claims_by_id: dict[uuid.UUID, KnownClaim] = {}
        self.claims_by_text: dict[tuple[uuid.UUID, str], KnownClaim] = {}
        self.taken_slugs: set[str] = set()
        self.new_events: list[Event] = []
        self.new_sources: list[Source] = []
        self.new_claims: list[KnownClaim] = []

    async def prefetch(self, items: Sequence[StatementCreate]) -> None:
        """Load everything the items name that already exists, with a few statements of fixed
        text (seeks by id, slug, name and text; no ORM objects, no IN lists)."""
        event_refs: set[str] = set()
        source_refs: set[str] = set()
        names: set[str] = set()
        # The slugs new sources would derive from their names, and how many names derive each.
        bases: Counter[str] = Counter()
        claim_ids: set[uuid.UUID] = set()
        # Claims named by text, by the key of the item's event: looked up once events are.
        hashes: set[tuple[str, str]] = set()
        for item in items:
            if isinstance(item.event, InlineEvent):
                event_key = f"slug:{event_service.inline_event_slug(item.event)}"
            else:
                event_key = _ref_key(item.event) or ""
            event_refs.add(event_key)
            for ref in [item.speaker, item.on_behalf_of, *(relay.source for relay in item.via)]:
                if isinstance(ref, str):
                    source_refs.add(_ref_key(ref) or "")
                elif ref is not None:
                    names.add(fold(ref.name))
                    if ref.slug is not None:
                        source_refs.add(f"slug:{ref.slug}")
                    else:
                        bases[derive_slug(ref.name, fallback="source")] += 1
            for stance in item.claims:
                if isinstance(stance.claim, InlineClaim):
                    hashes.add((event_key, text_hash(stance.claim.text)))
                elif looks_like_uuid(stance.claim):
                    claim_ids.add(uuid.UUID(stance.claim))
        for row in await self._by_keys("events", KnownEvent._fields, event_refs):
            self._remember_event(KnownEvent(*row))
        for row in await self._by_keys("sources", KnownSource._fields, source_refs):
            self._remember_source(KnownSource(*row))
        if names:
            for key, *source in await self._named(sorted(names)):
                self.sources.setdefault(f"name:{key}", KnownSource(*source))
        if bases:
            self.taken_slugs |= await taken_slugs(self.session, "sources", bases)
        pairs = sorted(
            {(self.events[key].id, digest) for key, digest in hashes if key in self.events}
        )
        claims = Base.metadata.tables["claims"]
        columns = ("id", "event_id", "text", "text_hash")
        for claim_row in [
            *await seek_each(
                self.session,
                claims,
                keys=("id",),
                order=None,
                returning=columns,
                wanted=[(claim_id,) for claim_id in sorted(claim_ids)],
            ),
            *await seek_each(
                self.session,
                claims,
                keys=("event_id", "text_hash"),
                order=None,
                returning=columns,
                wanted=pairs,
            ),
        ]:
            claim = KnownClaim(*claim_row[1:])
            self.claims_by_id[claim.id] = claim
            self.claims_by_text[(claim.event_id, claim.text_hash)] = claim

    async def _by_keys(
        self, table: str, columns: Sequence[str], keys: set[str]
    ) -> list[tuple[Any, ...]]:
        """The rows (these columns) of the events or sources named by these keys: a seek each,
        by id and by slug, in two statements of fixed text."""
        rows: list[tuple[Any, ...]] = []
        for prefix, column, read in (("id:", "id", uuid.UUID), ("slug:", "slug", str)):
            wanted = sorted((read(key[len(prefix) :]),) for key in keys if key.startswith(prefix))
            found = await seek_each(
                self.session,
                Base.metadata.tables[table],
                keys=(column,),
                order=None,
                returning=columns,
                wanted=wanted,
            )
            rows += [tuple(row[1:]) for row in found]
        return rows

    async def _named(self, names: list[str]) -> Sequence[Any]:
        """(name key, *`KnownSource`) of the sources with these names or aliases, oldest first:
        one statement of fixed text."""
        dialect = self.session.get_bind().dialect.name
        sources = Base.metadata.tables["sources"]
        query = text(
            "SELECT n.name_key, s.id, s.slug, s.name, s.kind FROM source_names AS n "
            "JOIN sources AS s ON s.id = n.source_id "
            f"WHERE {one_of(dialect, 'n.name_key', 'names', 'text')} ORDER BY s.id"
        ).columns(
            Base.metadata.tables["source_names"].c.name_key,
            *(sources.c[name] for name in KnownSource._fields),
        )
        return (await self.session.execute(query, {"names": list_value(dialect, names)})).all()

    def _remember_event(self, event: AnyEvent) -> None:
        self.events[f"id:{event.id}"] = event
        self.events[f"slug:{event.slug}"] = event

    def _remember_source(self, source: AnySource) -> None:
        self.sources[f"id:{source.id}"] = source
        self.sources[f"slug:{source.slug}"] = source
        self.taken_slugs.add(source.slug)

    def event(self, ref: str | InlineEvent, loc: Loc) -> AnyEvent:
        """The event a statement names; an inline one is created if it is new."""
        if isinstance(ref, str):
            found = self.events.get(_ref_key(ref) or "")
            if found is None:
                raise InvalidInput(f"There is no event with id or slug {ref!r}.", loc=loc)
            return found
        found = self.events.get(f"slug:{event_service.inline_event_slug(ref)}")
        if found is None:
            # Not found by the look-up (under the slug's lock): new, inserted by `store_new`.
            found = event_service.new_event(event_service.inline_event_data(ref, loc))
            found.id, found.version = new_id(), 1
            self.new_events.append(found)
            self._remember_event(found)
        return found

    def source(self, ref: str | SourceCreate, loc: Loc) -> AnySource:
        """The source a statement names; an inline one not found is created (stored later)."""
        if isinstance(ref, str):
            found = self.sources.get(_ref_key(ref) or "")
            if found is None:
                raise InvalidInput(f"There is no source with id or slug {ref!r}.", loc=loc)
            return found
        name = f"name:{fold(ref.name)}"
        found = self.sources.get(name)
        if found is None and ref.slug is not None:
            found = self.sources.get(f"slug:{ref.slug}")
        if found is None:
            found = self._new_source(ref)
        self.sources[name] = found
        return found

    def _new_source(self, data: SourceCreate) -> Source:
        if data.slug is not None:
            slug = data.slug
        else:
            slug = next_free_slug(derive_slug(data.name, fallback="source"), self.taken_slugs)
        source = source_service.new_source(data, slug=slug)
        # Inserted in bulk by `store_new`, so the defaults the ORM would apply are set here.
        source.id, source.version = new_id(), 1
        self.new_sources.append(source)
        self._remember_source(source)
        for alias in data.aliases:
            self.sources.setdefault(f"name:{fold(alias)}", source)
        return source

    def claim(self, ref: str | InlineClaim, event: AnyEvent, loc: Loc) -> KnownClaim:
        """The claim a stance names: by id (of this event), or by text (created if new)."""
        if isinstance(ref, str):
            found = self.claims_by_id.get(uuid.UUID(ref)) if looks_like_uuid(ref) else None
            if found is None:
                raise InvalidInput(f"There is no claim with id {ref!r}.", loc=loc)
            if found.event_id != event.id:
                raise InvalidInput(f"The claim {ref} belongs to another event.", loc=loc)
            return found
        key = (event.id, text_hash(ref.text))
        found = self.claims_by_text.get(key)
        if found is None:
            found = KnownClaim(new_id(), event.id, ref.text, key[1])
            self.new_claims.append(found)
            self.claims_by_text[key] = found
        return found

    async def store_new(self) -> dict[uuid.UUID, uuid.UUID]:
        """Insert the new events (with their tags), sources (with their names) and claims, each
        table in one statement.

        Returns the ids to use instead for new claims that another transaction created first.
        """
        tables = Base.metadata.tables
        if self.new_events:
            columns = [column.key for column in tables["events"].columns]
            try:
                async with self.session.begin_nested():
                    await self.session.execute(
                        tables["events"].insert(),
                        [{key: getattr(e, key) for key in columns} for e in self.new_events],
                    )
            except IntegrityError:
                raise Conflict(
                    "An event was created meanwhile with the same slug; try again."
                ) from None
            tags = [
                {"event_id": event.id, "tag_key": key}
                for event in self.new_events
                for key in event_service.tag_keys(event)
            ]
            if tags:
                await self.session.execute(tables["event_tags"].insert(), tags)
        if self.new_sources:
            columns = [column.key for column in tables["sources"].columns]
            names = {
                (source.id, fold(text))
                for source in self.new_sources
                for text in [source.name, *source.aliases]
            }
            try:
                async with self.session.begin_nested():
                    await self.session.execute(
                        tables["sources"].insert(),
                        [{key: getattr(s, key) for key in columns} for s in self.new_sources],
                    )
            except IntegrityError:
                raise Conflict(
                    "A source was created meanwhile with the same slug; try again."
                ) from None
            await self.session.execute(
                tables["source_names"].insert(),
                [{"source_id": source_id, "name_key": key} for source_id, key in sorted(names)],
            )
        if not self.new_claims:
            return {}
        dialect = self.session.get_bind().dialect.name
        insert_into = postgresql_insert if dialect == "postgresql" else sqlite_insert
        now = utcnow()
        inserted = set(
            (
                await self.session.scalars(
                    insert_into(tables["claims"])
                    .on_conflict_do_nothing(index_elements=["event_id", "text_hash"])
                    .returning(tables["claims"].c.id),
                    [
                        {
                            **claim._asdict(),
                            "text_key": claim_key(claim.text),
                            "status": ClaimStatus.open,
                            "created_at": now,
                        }
                        for claim in self.new_claims
                    ],
                )
            ).all()
        )
        missed = [claim for claim in self.new_claims if claim.id not in inserted]
        if not missed:
            return {}
        # Created by another transaction since the look-up: use theirs.
        pairs = [(claim.event_id, claim.text_hash) for claim in missed]
        theirs = {
            (event_id, digest): claim_id
            for claim_id, event_id, digest in await self.session.execute(
                select(Claim.id, Claim.event_id, Claim.text_hash).where(
                    tuple_(Claim.event_id, Claim.text_hash).in_(pairs)
                )
            )
        }
        return {claim.id: theirs[(claim.event_id, claim.text_hash)] for claim in missed}

    async def claims_named(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, "KnownClaim"]:
        """These claims as stored (created by another transaction since the look-up)."""
        found = await self.session.execute(
            select(Claim.id, Claim.event_id, Claim.text, Claim.text_hash).where(Claim.id.in_(ids))
        )
        return {row.id: KnownClaim(*row) for row in found}
