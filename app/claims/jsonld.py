"""A claim as schema.org JSON-LD: a `Claim` with its `author` (the party of its first mention),
its `firstAppearance` and every `appearance` (the kept statements that take a stance on it, in
timeline order), readable by ClaimReview consumers. The stance each appearance takes, the claim's
status and quotes have no schema.org property: they are under Claimline's own terms (`cl:`)."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import SourceKind
from app.kit.fields import to_rfc3339
from app.models import Claim, Event, Source, Stance, Statement

JSONLD_MEDIA_TYPE = "application/ld+json"
CONTEXT: list[Any] = ["https://schema.org", {"cl": "urn:claimline:"}]
_ORGANIZATIONS = {SourceKind.organization, SourceKind.outlet, SourceKind.government}


def _agent(source: Source, base: str) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "@type": "Organization" if source.kind in _ORGANIZATIONS else "Person",
        "@id": f"{base}/v1/sources/{source.id}",
        "name": source.name,
    }
    if source.aliases:
        agent["alternateName"] = source.aliases
    if source.homepage:
        agent["url"] = source.homepage
    return agent


def _appearance(
    statement: Statement, stance: Stance, sources: dict[uuid.UUID, Source], base: str
) -> dict[str, Any]:
    party = sources[statement.party_id]
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": f"{base}/v1/statements/{statement.id}",
        "text": statement.text,
        "datePublished": to_rfc3339(statement.said_at),
        "author": _agent(party, base),
        "cl:stance": stance.stance.value,
        "cl:medium": statement.medium.value,
    }
    if statement.speaker_id != statement.party_id:
        appearance["contributor"] = _agent(sources[statement.speaker_id], base)
    if statement.url:
        appearance["url"] = statement.url
    if statement.language:
        appearance["inLanguage"] = statement.language
    if stance.quote:
        appearance["cl:quote"] = stance.quote
    return appearance


async def claim_document(*, session: AsyncSession, claim: Claim, base: str) -> dict[str, Any]:
    """The claim as a schema.org `Claim` (JSON-LD); `base` is the service's base URL."""
    event = await session.get_one(Event, claim.event_id)
    rows = (
        await session.execute(
            select(Statement, Stance)
            .join(Stance, Stance.statement_id == Statement.id)
            .where(Stance.claim_id == claim.id, Statement.retracted_at.is_(None))
            .order_by(Statement.said_at, Statement.id)
        )
    ).all()
    source_ids = {row.Statement.party_id for row in rows} | {
        row.Statement.speaker_id for row in rows
    }
    sources = {
        source.id: source
        for source in await session.scalars(select(Source).where(Source.id.in_(source_ids)))
    }
    about: dict[str, Any] = {
        "@type": "Event",
        "@id": f"{base}/v1/events/{event.id}",
        "name": event.title,
    }
    if event.occurred_at is not None:
        about["startDate"] = to_rfc3339(event.occurred_at)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": f"{base}/v1/claims/{claim.id}",
        "url": f"{base}/v1/claims/{claim.id}",
        "text": claim.text,
        "dateCreated": to_rfc3339(claim.created_at),
        "about": about,
        "cl:status": claim.status.value,
    }
    appearances = [_appearance(row.Statement, row.Stance, sources, base) for row in rows]
    if appearances:
        document["author"] = appearances[0]["author"]
        document["firstAppearance"] = appearances[0]
        document["appearance"] = appearances
    return document
