"""The seed story through the generated Python SDK (clients/python): submit both statements, find
the claim under other words, add a fact-checker's review, then print the claim timeline, the
comparison of sources, the similar claims and the ClaimReview as JSON.

    pip install ./clients/python
    python clients/examples/seed_story.py http://127.0.0.1:8000 [API_KEY]
"""

import json
import sys
from pathlib import Path
from typing import Any

from claimline_client import AuthenticatedClient
from claimline_client.api.claims import (
    create_claim,
    create_review,
    read_claimreview,
    read_similar_claims,
)
from claimline_client.api.statements import create_statement
from claimline_client.api.views import read_comparison, read_timeline
from claimline_client.models import (
    ClaimCreate,
    ClaimOut,
    Comparison,
    ReviewCreate,
    ReviewOut,
    SimilarClaims,
    StatementCreate,
    StatementOut,
    Timeline,
)

# The seed story's two statements, as the OpenAPI document gives them as request examples.
DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def seed_statements() -> list[dict[str, Any]]:
    """Elton John's post and the Kremlin's denial."""
    operation = json.loads(DOCUMENT.read_text())["paths"]["/v1/statements"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    return [examples["elton-john"]["value"], examples["kremlin-denies"]["value"]]


def main(base_url: str, api_key: str = "") -> None:
    client = AuthenticatedClient(base_url=base_url, token=api_key, raise_on_unexpected_status=True)
    with client:
        for body in seed_statements():
            recorded = create_statement.sync(client=client, body=StatementCreate.from_dict(body))
            if not isinstance(recorded, StatementOut):
                sys.exit(f"the statement was refused: {recorded.to_dict() if recorded else None}")
        claim_id = recorded.stances[0].claim_id
        # The same claim in other words, as a desk would record it.
        other = create_claim.sync(
            "putin-elton-john-call",
            client=client,
            body=ClaimCreate(text="Vladimir Putin phoned Sir Elton John"),
        )
        similar = read_similar_claims.sync(str(claim_id), client=client)
        review = create_review.sync(
            str(claim_id),
            client=client,
            body=ReviewCreate.from_dict(
                {
                    "reviewer": {"name": "A fact-checking desk", "kind": "organization"},
                    "rating": "False",
                    "url": "https://factcheck.example/putin-elton-john",
                    "published_at": "2015-09-16T10:00:00Z",
                }
            ),
        )
        claim_review = read_claimreview.sync(str(claim_id), client=client)
        timeline = read_timeline.sync("putin-elton-john-call", client=client)
        comparison = read_comparison.sync("putin-elton-john-call", client=client)
    if not isinstance(timeline, Timeline) or not isinstance(comparison, Comparison):
        sys.exit("the views could not be read")
    if not isinstance(other, ClaimOut) or not isinstance(similar, SimilarClaims):
        sys.exit("the claim in other words could not be recorded or found")
    if not isinstance(review, ReviewOut) or claim_review is None:
        sys.exit("the review could not be recorded or exported")
    print(
        json.dumps(
            {
                "timeline": timeline.to_dict(),
                "comparison": comparison.to_dict(),
                "other_claim": other.to_dict(),
                "similar": similar.to_dict(),
                "claimreview": claim_review.to_dict(),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
