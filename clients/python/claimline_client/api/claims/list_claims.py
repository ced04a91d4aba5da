import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_page import ClaimPage
from ...models.claim_status import ClaimStatus
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    status: ClaimStatus | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_known_at: str | Unset = UNSET
    if not isinstance(known_at, Unset):
        json_known_at = known_at.isoformat()
    params["known_at"] = json_known_at

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/claims".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ClaimPage | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ClaimPage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | ClaimPage | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    status: ClaimStatus | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | ClaimPage | Problem | ValidationProblem]:
    """List the claims of an event

     An event's claims in creation order.

    Args:
        event (str):
        status (ClaimStatus | Unset): Where a claim stands, from the sides the parties have taken
            on it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClaimPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        status=status,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: str,
    *,
    client: AuthenticatedClient,
    status: ClaimStatus | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | ClaimPage | Problem | ValidationProblem | None:
    """List the claims of an event

     An event's claims in creation order.

    Args:
        event (str):
        status (ClaimStatus | Unset): Where a claim stands, from the sides the parties have taken
            on it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClaimPage | Problem | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
        status=status,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    status: ClaimStatus | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | ClaimPage | Problem | ValidationProblem]:
    """List the claims of an event

     An event's claims in creation order.

    Args:
        event (str):
        status (ClaimStatus | Unset): Where a claim stands, from the sides the parties have taken
            on it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClaimPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        status=status,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
    status: ClaimStatus | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | ClaimPage | Problem | ValidationProblem | None:
    """List the claims of an event

     An event's claims in creation order.

    Args:
        event (str):
        status (ClaimStatus | Unset): Where a claim stands, from the sides the parties have taken
            on it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClaimPage | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            status=status,
            known_at=known_at,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
