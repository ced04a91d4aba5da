"""A claim as schema.org JSON-LD: a `Claim` with its `author` (the party of its first mention),
its `firstAppearance` and every `appearance` (the kept statements that take a stance on it, in
timeline order), readable by ClaimReview consumers. The stance each appearance takes, the claim's
status and quotes have no schema.org property: they are under Claimline's own terms (`cl:`)."""

from datetime import datetime
from typing import Any

from app.claims import queries as claim_queries
from app.claims.queries import Agent, Appearance
from app.enums import SourceKind
from app.events import queries as event_queries
from app.kit.fields import to_rfc3339
from app.kit.reader import Reader

JSONLD_MEDIA_TYPE = "application/ld+json"
CONTEXT: list[Any] = ["https://schema.org", {"cl": "urn:claimline:"}]
_ORGANIZATIONS = {SourceKind.organization, SourceKind.outlet, SourceKind.government}


def _rfc3339(value: datetime | str) -> str:
    """An instant read with `instant`: a datetime on PostgreSQL, already RFC 3339 on SQLite."""
    return to_rfc3339(value) if isinstance(value, datetime) else value


def _agent(source: Agent, base: str) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "@type": "Organization" if SourceKind(source.kind) in _ORGANIZATIONS else "Person",
        "@id": f"{base}/v1/sources/{source.id}",
        "name": source.name,
    }
    if source.aliases:
        agent["alternateName"] = source.aliases
    if source.homepage:
        agent["url"] = source.homepage
    return agent


def _appearance(found: Appearance, base: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": f"{base}/v1/statements/{found.statement_id}",
        "text": found.text,
        "datePublished": _rfc3339(found.said_at),
        "author": _agent(found.party, base),
        "cl:stance": found.stance,
        "cl:medium": found.medium,
    }
    if found.speaker.id != found.party.id:
        appearance["contributor"] = _agent(found.speaker, base)
    if found.url:
        appearance["url"] = found.url
    if found.language:
        appearance["inLanguage"] = found.language
    if found.quote:
        appearance["cl:quote"] = found.quote
    if found.archive_url:
        appearance["archivedAt"] = found.archive_url
    if found.responds_to:
        appearance["cl:respondsTo"] = {"@id": f"{base}/v1/statements/{found.responds_to}"}
    return appearance


async def claim_document(*, reader: Reader, claim: dict[str, Any], base: str) -> dict[str, Any]:
    """The claim (its document, `claims.queries.document`) as a schema.org `Claim` (JSON-LD);
    `base` is the service's base URL."""
    event = await event_queries.document(reader=reader, ref=claim["event_id"])
    found = await claim_queries.appearances(reader=reader, claim_id=claim["id"])
    about: dict[str, Any] = {
        "@type": "Event",
        "@id": f"{base}/v1/events/{event['id']}",
        "name": event["title"],
    }
    if event["occurred_at"] is not None:
        about["startDate"] = _rfc3339(event["occurred_at"])
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": f"{base}/v1/claims/{claim['id']}",
        "url": f"{base}/v1/claims/{claim['id']}",
        "text": claim["text"],
        "dateCreated": _rfc3339(claim["created_at"]),
        "about": about,
        "cl:status": str(claim["status"]),
    }
    appearances = [_appearance(appearance, base) for appearance in found]
    if appearances:
        document["author"] = appearances[0]["author"]
        document["firstAppearance"] = appearances[0]
        document["appearance"] = appearances
    return document
