from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_create import ReviewCreate
from ...models.review_out import ReviewOut
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    claim: str,
    *,
    body: ReviewCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/claims/{claim}/reviews".format(
            claim=quote(str(claim), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewOut | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = ReviewOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ReviewOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    claim: str,
    *,
    client: AuthenticatedClient,
    body: ReviewCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ReviewOut | ValidationProblem]:
    """Add a review (a fact-checker's verdict) of a claim

     Record a published fact check of the claim: its reviewer (a source's id or slug, or
    `{name, kind?, ...}` found by name or created), its rating as published, optionally on a
    scale (`worst_rating` < `best_rating`, `rating_value` between them), the fact check's
    `url` and `published_at`. A review never changes the claim's `status`, which describes the
    debate, not the truth; the comparison lists it beside the claim.

    Args:
        claim (str):
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (ReviewCreate): A published fact check of the claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    claim: str,
    *,
    client: AuthenticatedClient,
    body: ReviewCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ReviewOut | ValidationProblem | None:
    """Add a review (a fact-checker's verdict) of a claim

     Record a published fact check of the claim: its reviewer (a source's id or slug, or
    `{name, kind?, ...}` found by name or created), its rating as published, optionally on a
    scale (`worst_rating` < `best_rating`, `rating_value` between them), the fact check's
    `url` and `published_at`. A review never changes the claim's `status`, which describes the
    debate, not the truth; the comparison lists it beside the claim.

    Args:
        claim (str):
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (ReviewCreate): A published fact check of the claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewOut | ValidationProblem
    """

    return sync_detailed(
        claim=claim,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    claim: str,
    *,
    client: AuthenticatedClient,
    body: ReviewCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ReviewOut | ValidationProblem]:
    """Add a review (a fact-checker's verdict) of a claim

     Record a published fact check of the claim: its reviewer (a source's id or slug, or
    `{name, kind?, ...}` found by name or created), its rating as published, optionally on a
    scale (`worst_rating` < `best_rating`, `rating_value` between them), the fact check's
    `url` and `published_at`. A review never changes the claim's `status`, which describes the
    debate, not the truth; the comparison lists it beside the claim.

    Args:
        claim (str):
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (ReviewCreate): A published fact check of the claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    claim: str,
    *,
    client: AuthenticatedClient,
    body: ReviewCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ReviewOut | ValidationProblem | None:
    """Add a review (a fact-checker's verdict) of a claim

     Record a published fact check of the claim: its reviewer (a source's id or slug, or
    `{name, kind?, ...}` found by name or created), its rating as published, optionally on a
    scale (`worst_rating` < `best_rating`, `rating_value` between them), the fact check's
    `url` and `published_at`. A review never changes the claim's `status`, which describes the
    debate, not the truth; the comparison lists it beside the claim.

    Args:
        claim (str):
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (ReviewCreate): A published fact check of the claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            claim=claim,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
