"""Claims under other words: the trigram similarity of normalized texts, as PostgreSQL's
`pg_trgm` defines `similarity()`, the same number on both stores.

Each word (a run of letters and digits) is lower-cased and padded with two spaces before and
one after; its trigrams are its 3-character substrings; the score is the number of distinct
trigrams the two texts share over the number of distinct trigrams of either, as a 4-byte float
(PostgreSQL's `real`). PostgreSQL searches with its GIN trigram index (`%` under a threshold set
for the query); SQLite scores the candidates here. Texts whose normalized form is shorter than
`MIN_LENGTH` characters suggest nothing and are suggested for nothing: their trigrams are too
few to tell a rewording from a coincidence.
"""

import re
import struct
import uuid
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Float, Text, Uuid, bindparam, func, literal_column, select, type_coerce

from app.claims import queries as claim_queries
from app.kit.reader import Query, Reader
from app.models import Claim, Event
from app.text import claim_key

MIN_LENGTH = 10
_WORD = re.compile(r"[^\W_]+")

Document = dict[str, Any]


@lru_cache(maxsize=65536)
def trigrams(text: str) -> frozenset[str]:
    """The distinct trigrams of a text, as `pg_trgm` takes them."""
    found: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(found)


def _real(value: float) -> float:
    # PostgreSQL's similarity() is a `real`: the same 4-byte float here.
    return float(struct.unpack("f", struct.pack("f", value))[0])


def similarity(a: str, b: str) -> float:
    """The similarity of two normalized texts, as `pg_trgm`'s `similarity()` gives it."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return _real(shared / (len(first) + len(second) - shared))


def shown_score(value: float) -> float:
    """A score as the API writes it: the 4-byte float, to 6 decimals."""
    return round(_real(value), 6)


# A claim row (`app.claims.queries.COLUMNS`), then what scoring and the item need.
_COLUMNS = (*claim_queries.COLUMNS, Claim.text_key, Event.slug, Event.title)
_THRESHOLD = Query(
    select(
        func.set_config(
            literal_column("'pg_trgm.similarity_threshold'"),
            bindparam("threshold", type_=Text),
            literal_column("false"),
        )
    )
)


@cache
def _search(dialect: str, *, event: bool, other_than: bool) -> Query:
    """Candidate claims: on PostgreSQL those over the threshold, best first, from the trigram
    index; on SQLite every claim in scope, scored in Python."""
    query = select(*_COLUMNS).join(Event, Event.id == Claim.event_id)
    if event:
        query = query.where(Claim.event_id == bindparam("event_id", type_=Uuid))
    if other_than:
        query = query.where(Claim.id != bindparam("claim_id", type_=Uuid))
    query = query.where(func.length(Claim.text_key) >= literal_column(str(MIN_LENGTH)))
    if dialect != "postgresql":
        return Query(query)
    key = bindparam("key", type_=Text)
    score = type_coerce(func.similarity(Claim.text_key, key), Float)
    query = (
        query.add_columns(score)
        .where(Claim.text_key.op("%")(key), score >= bindparam("min_score", type_=Float))
        .order_by(score.desc(), Claim.id)
        .limit(bindparam("limit"))
    )
    return Query(query)


def _item(row: Any, score: float) -> Document:
    return {
        "claim": claim_queries.row_document(row),
        "event": {"id": row[1], "slug": row[6], "title": row[7]},
        "score": shown_score(score),
    }


async def search(
    reader: Reader,
    text: str,
    *,
    event_id: uuid.UUID | None,
    other_than: uuid.UUID | None,
    min_score: float,
    limit: int,
) -> list[Document]:
    """The claims whose normalized text is most similar to `text`'s (at least `min_score`),
    best first, ties by claim id; in one event or in all."""
    key = claim_key(text)
    if len(key) < MIN_LENGTH:
        return []
    params: dict[str, Any] = {
        "key": key,
        "event_id": event_id,
        "claim_id": other_than,
        "min_score": min_score,
        "limit": limit,
    }
    query = _search(reader.dialect, event=event_id is not None, other_than=other_than is not None)
    if reader.dialect == "postgresql":
        # The index's operator `%` takes the session's threshold: just under the minimum, the
        # exact bound being the `>=` on the score itself.
        await reader.fetch(_THRESHOLD, {"threshold": str(max(min_score - 1e-6, 0.0))})
        return [_item(row, row[8]) for row in await reader.fetch(query, params)]
    scored = [
        (score, row)
        for row in await reader.fetch(query, params)
        if (score := similarity(key, row[5])) >= min_score
    ]
    scored.sort(key=lambda entry: (-entry[0], entry[1][0]))
    return [_item(row, score) for score, row in scored[:limit]]
