"""Reviews: fact-checkers' verdicts on claims, and ClaimReview (schema.org) out of them."""
