"""`claimline import-claimreview FILE --event E`: fact checks from the formats fact-checkers
exchange, into an event.

Reads schema.org `ClaimReview` JSON-LD (one object, a list, or a page's `@graph`) and Google
Fact Check Tools `claims:search` answers (`{"claims": [{text, claimant, claimDate,
claimReview: [{publisher, url, title, reviewDate, textualRating, languageCode}]}]}`). Each
entry gives the claim (found by its normalized text, or created), the claimant's statement when
the entry names a claimant and a date (speaker the claimant, `said_at` the claim's date at `day`
precision, stance `supports`), and its reviews. An entry the API would refuse is reported by its
position and the others are imported, each in its own transaction. Importing the same file
again creates nothing: the statement is found by its speaker, time and text, a review by its
claim and URL.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims import service as claim_service
from app.errors import AppError, error_location
from app.events import service as event_service
from app.kit.db import Database
from app.models import Review, Statement
from app.reviews import service as review_service
from app.reviews.schemas import ReviewCreate
from app.statements import service as statement_service
from app.statements.schemas import StatementCreate


@dataclass
class Entry:
    """A claim with its claimant and date (when known) and its reviews, from one place."""

    position: str
    claim: str | None
    claimant: str | None
    claim_date: str | None
    reviews: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ClaimReviewReport:
    """What an import did."""

    entries: int = 0
    statements: int = 0
    reviews: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list) and value:
        return _name(value[0])
    return value if isinstance(value, str) and value.strip() else None


def _instant(value: Any) -> str | None:
    """A date or date-time as RFC 3339 with an offset (a bare date: its midnight in UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) == 10:
        return f"{text}T00:00:00Z"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text  # refused by validation, with the API's words
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).isoformat()


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _from_claim_review(node: dict[str, Any], position: str) -> Entry:
    item: dict[str, Any] = _object(node.get("itemReviewed"))
    rating: dict[str, Any] = _object(node.get("reviewRating"))
    review: dict[str, Any] = {
        "reviewer": {"name": _name(node.get("author")) or "", "kind": "organization"},
        "rating": rating.get("alternateName") or rating.get("name"),
        "rating_value": rating.get("ratingValue"),
        "best_rating": rating.get("bestRating"),
        "worst_rating": rating.get("worstRating"),
        "url": node.get("url"),
        "published_at": _instant(node.get("datePublished")),
        "summary": node.get("reviewBody") or node.get("description"),
    }
    for scale in ("rating_value", "best_rating", "worst_rating"):
        value = review[scale]
        if isinstance(value, str) and value.lstrip("-").isdigit():
            review[scale] = int(value)
    return Entry(
        position,
        node.get("claimReviewed"),
        _name(item.get("author")),
        item.get("datePublished"),
        [{key: value for key, value in review.items() if value is not None}],
    )


def _from_google(claim: dict[str, Any], position: str) -> Entry:
    reviews = []
    for review in claim.get("claimReview") or []:
        reviews.append(
            {
                key: value
                for key, value in {
                    "reviewer": {"name": _name(review.get("publisher")) or "", "kind": "outlet"},
                    "rating": review.get("textualRating"),
                    "url": review.get("url"),
                    "published_at": _instant(review.get("reviewDate")),
                    "summary": review.get("title"),
                }.items()
                if value is not None
            }
        )
    return Entry(
        position, claim.get("text"), claim.get("claimant"), claim.get("claimDate"), reviews
    )


def entries(document: Any) -> list[Entry]:
    """The entries of a file's JSON, each with the position it came from."""
    if isinstance(document, dict) and isinstance(document.get("claims"), list):
        return [
            _from_google(claim, f"claims[{n}]")
            if isinstance(claim, dict)
            else Entry(f"claims[{n}]", None, None, None)
            for n, claim in enumerate(document["claims"])
        ]
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        nodes, where = document["@graph"], "@graph"
    elif isinstance(document, list):
        nodes, where = document, ""
    else:
        nodes, where = [document], ""
    found = []
    for n, node in enumerate(nodes):
        position = f"{where}[{n}]"
        if isinstance(node, dict) and node.get("@type") == "ClaimReview":
            found.append(_from_claim_review(node, position))
        elif not (isinstance(node, dict) and where == "@graph"):
            found.append(Entry(position, None, None, None))
    return found


def _explain(error: ValidationError, prefix: str) -> str:
    return "; ".join(
        f"{prefix}{'.'.join(str(p) for p in error_location(tuple(d['loc'])))}: "
        f"{str(d['msg']).removeprefix('Value error, ')}"
        for d in error.errors()
    )


async def _import(
    database: Database, event_ref: str, entry: Entry, report: ClaimReviewReport
) -> None:
    if not entry.claim or not isinstance(entry.claim, str):
        raise ValueError("no claim text (claimReviewed or text)")
    reviews: list[ReviewCreate] = []
    for n, given in enumerate(entry.reviews):
        try:
            reviews.append(ReviewCreate.model_validate(given))
        except ValidationError as error:
            raise ValueError(_explain(error, f"review {n}: ")) from None
    statement = None
    if entry.claimant and entry.claim_date:
        try:
            statement = StatementCreate.model_validate(
                {
                    "event": event_ref,
                    "speaker": {"name": entry.claimant},
                    "text": entry.claim,
                    "said_at": _instant(str(entry.claim_date)[:10]),
                    "said_at_precision": "day",
                    "claims": [{"claim": {"text": entry.claim}, "stance": "supports"}],
                }
            )
        except ValidationError as error:
            raise ValueError(_explain(error, "statement: ")) from None
    async with database.write_sessions() as session:
        event = await event_service.get(session=session, ref=event_ref)
        claim = await claim_service.get_or_create(
            session=session, event_id=event.id, text=entry.claim
        )
        if statement is not None and not await _said(session, event.id, statement):
            await statement_service.record(session=session, items=[statement], locs=[["entry"]])
            report.statements += 1
        for review in reviews:
            known: uuid.UUID | None = await session.scalar(
                select(Review.id).where(Review.claim_id == claim.id, Review.url == review.url)
            )
            if known is None:
                await review_service.add(
                    session=session, claim=claim, data=review, recorded_by=None
                )
                report.reviews += 1
        await session.commit()
    report.entries += 1


async def _said(session: AsyncSession, event_id: uuid.UUID, statement: StatementCreate) -> bool:
    """Whether the claimant's statement is in already (by its time and text)."""
    found = await session.scalar(
        select(Statement.id).where(
            Statement.event_id == event_id,
            Statement.said_at == statement.said_at,
            Statement.text == statement.text,
            Statement.retracted_at.is_(None),
        )
    )
    return found is not None


async def import_claim_reviews(
    database: Database, event_ref: str, document: Any
) -> ClaimReviewReport:
    """Import every entry of a file's JSON into the event (id or slug)."""
    report = ClaimReviewReport()
    for entry in entries(document):
        try:
            await _import(database, event_ref, entry, report)
        except ValueError as error:
            report.refused.append((entry.position, str(error)))
        except AppError as error:
            report.refused.append((entry.position, error.detail))
    return report


def run(settings: Any, path: str, event_ref: str) -> None:
    """The command: read the file, import it, report each refused entry by position; exit 1
    when any was refused or the file cannot be read."""
    import asyncio
    import json
    import sys

    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except (OSError, ValueError) as error:
        print(f"claimline: cannot read {path}: {error}", file=sys.stderr)
        raise SystemExit(1) from None

    async def go() -> ClaimReviewReport:
        database = Database.from_settings(settings)
        try:
            return await import_claim_reviews(database, event_ref, document)
        finally:
            await database.dispose()

    report = asyncio.run(go())
    for position, reason in report.refused:
        print(f"{path}:{position}: {reason}", file=sys.stderr)
    print(
        f"claimline: {report.entries} entries read in: {report.statements} new statements, "
        f"{report.reviews} new reviews; {len(report.refused)} entries refused",
        file=sys.stderr,
    )
    if report.refused:
        raise SystemExit(1)
