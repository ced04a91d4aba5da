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
# A source's schema.org type from its kind; a social account or another kind of source is not
# known to be a person or an organization.
TYPES = {
    SourceKind.person: "Person",
    SourceKind.organization: "Organization",
    SourceKind.outlet: "NewsMediaOrganization",
    SourceKind.government: "GovernmentOrganization",
    SourceKind.social_account: "Thing",
    SourceKind.other: "Thing",
}
# How many characters of an RFC 3339 instant a date of each precision keeps.
_DATE_LENGTH = {"year": 4, "month": 7, "day": 10}


def rfc3339(value: datetime | str) -> str:
    """An instant read with `instant`: a datetime on PostgreSQL, already RFC 3339 on SQLite."""
    return to_rfc3339(value) if isinstance(value, datetime) else value


def at_precision(value: datetime | str, precision: str) -> str:
    """An instant written at its precision: `2015-09-15` for a day, `2015-09` for a month,
    `2015` for a year, the whole instant otherwise."""
    text = rfc3339(value)
    length = _DATE_LENGTH.get(precision)
    return text[:length] if length else text


def _agent(source: Agent, base: str) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "@type": TYPES[SourceKind(source.kind)],
        "@id": f"{base}/v1/sources/{source.id}",
        "name": source.name,
    }
    if source.aliases:
        agent["alternateName"] = source.aliases
    if source.homepage:
        agent["url"] = source.homepage
    if source.same_as:
        agent["sameAs"] = source.same_as
    return agent


def _appearance(found: Appearance, base: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": f"{base}/v1/statements/{found.statement_id}",
        "text": found.text,
        "datePublished": at_precision(found.said_at, found.said_at_precision),
        "author": _agent(found.party, base),
        "cl:stance": found.stance,
        "cl:medium": found.medium,
    }
    if found.speaker.id != found.party.id:
        appearance["contributor"] = _agent(found.speaker, base)
    if found.url or found.relay_url:
        appearance["url"] = found.url or found.relay_url
    if found.language:
        appearance["inLanguage"] = found.language
    if found.quote:
        appearance["cl:quote"] = found.quote
    if found.archive_url:
        # schema.org's `archivedAt` is newer than the vocabulary the tests check against.
        appearance["cl:archivedAt"] = found.archive_url
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
        about["startDate"] = rfc3339(event["occurred_at"])
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": f"{base}/v1/claims/{claim['id']}",
        "url": f"{base}/v1/claims/{claim['id']}",
        "text": claim["text"],
        "dateCreated": rfc3339(claim["created_at"]),
        "about": about,
        "cl:status": str(claim["status"]),
    }
    appearances = [_appearance(appearance, base) for appearance in found]
    if appearances:
        document["author"] = appearances[0]["author"]
        # When the claim was made: its first appearance.
        document["datePublished"] = appearances[0]["datePublished"]
        document["firstAppearance"] = appearances[0]
        document["appearance"] = appearances
    return document
