"""A claim's reviews as schema.org `ClaimReview` (JSON-LD), with every property Google's
ClaimReview profile requires (`claimReviewed`, `reviewRating` with `alternateName`, `url`) and
those it recommends (`author`, `datePublished`, `itemReviewed`: the `Claim` with its `author`,
`datePublished`, `firstAppearance` and `appearance`)."""

from typing import Any

from app.claims.jsonld import CONTEXT, TYPES, claim_document, rfc3339
from app.enums import SourceKind
from app.kit.pagination import PageRequest
from app.kit.reader import Reader
from app.reviews import queries as review_queries

Document = dict[str, Any]


def _rating(review: Document) -> Document:
    rating: Document = {"@type": "Rating", "alternateName": review["rating"]}
    for field, term in (
        ("rating_value", "ratingValue"),
        ("best_rating", "bestRating"),
        ("worst_rating", "worstRating"),
    ):
        if review[field] is not None:
            rating[term] = review[field]
    return rating


async def claim_reviews(*, reader: Reader, claim: Document, base: str) -> Document:
    """The claim's reviews, each a `ClaimReview` of the claim, in a JSON-LD `@graph`."""
    item = await claim_document(reader=reader, claim=claim, base=base)
    del item["@context"]
    reviews: list[Document] = []
    page = PageRequest(limit=200, cursor=None)
    while True:
        found, cursor = await review_queries.of_claim(reader, claim["id"], page)
        reviews += found
        if cursor is None:
            break
        page = PageRequest(limit=200, cursor=cursor)
    graph = []
    for review in reviews:
        reviewer = review["reviewer"]
        shown: Document = {
            "@type": "ClaimReview",
            "@id": f"{base}/v1/claims/{claim['id']}/claimreview#{review['id']}",
            "url": review["url"],
            "claimReviewed": claim["text"],
            "reviewRating": _rating(review),
            "author": {
                "@type": TYPES[SourceKind(reviewer["kind"])],
                "@id": f"{base}/v1/sources/{reviewer['id']}",
                "name": reviewer["name"],
            },
            "datePublished": rfc3339(review["published_at"]),
            "itemReviewed": item,
        }
        if review["summary"]:
            shown["reviewBody"] = review["summary"]
        graph.append(shown)
    return {"@context": CONTEXT, "@graph": graph}
