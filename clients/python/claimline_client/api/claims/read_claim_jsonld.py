from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.read_claim_jsonld_response_200 import ReadClaimJsonldResponse200
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    claim: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/claims/{claim}/jsonld".format(
            claim=quote(str(claim), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReadClaimJsonldResponse200 | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ReadClaimJsonldResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Problem | ReadClaimJsonldResponse200 | ValidationProblem]:
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
) -> Response[Problem | ReadClaimJsonldResponse200 | ValidationProblem]:
    """A claim as schema.org JSON-LD

     The claim as a schema.org `Claim` in JSON-LD: `text`, `about` (the event), `author` (the
    party of its first mention), `firstAppearance` and `appearance` (each kept statement that
    takes a stance on it, in timeline order, as a `CreativeWork` by its party, with the speaker as
    `contributor` when they speak for someone else). Claimline's own terms under `cl:`
    (`urn:claimline:`): the claim's `cl:status`, each appearance's `cl:stance`, `cl:medium` and
    `cl:quote`. Retracted statements are left out.

    Args:
        claim (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReadClaimJsonldResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    claim: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ReadClaimJsonldResponse200 | ValidationProblem | None:
    """A claim as schema.org JSON-LD

     The claim as a schema.org `Claim` in JSON-LD: `text`, `about` (the event), `author` (the
    party of its first mention), `firstAppearance` and `appearance` (each kept statement that
    takes a stance on it, in timeline order, as a `CreativeWork` by its party, with the speaker as
    `contributor` when they speak for someone else). Claimline's own terms under `cl:`
    (`urn:claimline:`): the claim's `cl:status`, each appearance's `cl:stance`, `cl:medium` and
    `cl:quote`. Retracted statements are left out.

    Args:
        claim (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReadClaimJsonldResponse200 | ValidationProblem
    """

    return sync_detailed(
        claim=claim,
        client=client,
    ).parsed


async def asyncio_detailed(
    claim: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ReadClaimJsonldResponse200 | ValidationProblem]:
    """A claim as schema.org JSON-LD

     The claim as a schema.org `Claim` in JSON-LD: `text`, `about` (the event), `author` (the
    party of its first mention), `firstAppearance` and `appearance` (each kept statement that
    takes a stance on it, in timeline order, as a `CreativeWork` by its party, with the speaker as
    `contributor` when they speak for someone else). Claimline's own terms under `cl:`
    (`urn:claimline:`): the claim's `cl:status`, each appearance's `cl:stance`, `cl:medium` and
    `cl:quote`. Retracted statements are left out.

    Args:
        claim (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReadClaimJsonldResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    claim: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ReadClaimJsonldResponse200 | ValidationProblem | None:
    """A claim as schema.org JSON-LD

     The claim as a schema.org `Claim` in JSON-LD: `text`, `about` (the event), `author` (the
    party of its first mention), `firstAppearance` and `appearance` (each kept statement that
    takes a stance on it, in timeline order, as a `CreativeWork` by its party, with the speaker as
    `contributor` when they speak for someone else). Claimline's own terms under `cl:`
    (`urn:claimline:`): the claim's `cl:status`, each appearance's `cl:stance`, `cl:medium` and
    `cl:quote`. Retracted statements are left out.

    Args:
        claim (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReadClaimJsonldResponse200 | ValidationProblem
    """

    return (
        await asyncio_detailed(
            claim=claim,
            client=client,
        )
    ).parsed
