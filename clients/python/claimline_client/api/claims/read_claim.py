import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_out import ClaimOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    claim: str,
    *,
    known_at: datetime.datetime | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_known_at: str | Unset = UNSET
    if not isinstance(known_at, Unset):
        json_known_at = known_at.isoformat()
    params["known_at"] = json_known_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/claims/{claim}".format(
            claim=quote(str(claim), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ClaimOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ClaimOut.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | ClaimOut | Problem | ValidationProblem]:
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
    known_at: datetime.datetime | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ClaimOut | Problem | ValidationProblem]:
    """Read a claim

     A claim by id, with its current status (with `known_at`, its status then; a claim
    created after that instant is not found).

    Args:
        claim (str):
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClaimOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
        known_at=known_at,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    claim: str,
    *,
    client: AuthenticatedClient,
    known_at: datetime.datetime | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | ClaimOut | Problem | ValidationProblem | None:
    """Read a claim

     A claim by id, with its current status (with `known_at`, its status then; a claim
    created after that instant is not found).

    Args:
        claim (str):
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClaimOut | Problem | ValidationProblem
    """

    return sync_detailed(
        claim=claim,
        client=client,
        known_at=known_at,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    claim: str,
    *,
    client: AuthenticatedClient,
    known_at: datetime.datetime | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ClaimOut | Problem | ValidationProblem]:
    """Read a claim

     A claim by id, with its current status (with `known_at`, its status then; a claim
    created after that instant is not found).

    Args:
        claim (str):
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClaimOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        claim=claim,
        known_at=known_at,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    claim: str,
    *,
    client: AuthenticatedClient,
    known_at: datetime.datetime | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | ClaimOut | Problem | ValidationProblem | None:
    """Read a claim

     A claim by id, with its current status (with `known_at`, its status then; a claim
    created after that instant is not found).

    Args:
        claim (str):
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClaimOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            claim=claim,
            client=client,
            known_at=known_at,
            if_none_match=if_none_match,
        )
    ).parsed
