from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.status_change_page import StatusChangePage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    claim: str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["claim"] = claim

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/status-changes".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | StatusChangePage | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = StatusChangePage.from_dict(response.json())

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
) -> Response[Any | Problem | StatusChangePage | ValidationProblem]:
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
    claim: str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | Problem | StatusChangePage | ValidationProblem]:
    """Where the event's claims changed status

     The points of the claim timeline where a claim's status changed (its `status_after`
    differs from the status just before), by claim, then in timeline order: each claim's status
    over time as bands, in as many points as it changed status, however many statements the
    event holds. Retracted statements move nothing.

    Args:
        event (str):
        claim (str | Unset): Claim id: only this claim's changes.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | StatusChangePage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        claim=claim,
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
    claim: str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | Problem | StatusChangePage | ValidationProblem | None:
    """Where the event's claims changed status

     The points of the claim timeline where a claim's status changed (its `status_after`
    differs from the status just before), by claim, then in timeline order: each claim's status
    over time as bands, in as many points as it changed status, however many statements the
    event holds. Retracted statements move nothing.

    Args:
        event (str):
        claim (str | Unset): Claim id: only this claim's changes.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | StatusChangePage | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
        claim=claim,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    claim: str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | Problem | StatusChangePage | ValidationProblem]:
    """Where the event's claims changed status

     The points of the claim timeline where a claim's status changed (its `status_after`
    differs from the status just before), by claim, then in timeline order: each claim's status
    over time as bands, in as many points as it changed status, however many statements the
    event holds. Retracted statements move nothing.

    Args:
        event (str):
        claim (str | Unset): Claim id: only this claim's changes.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | StatusChangePage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        claim=claim,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
    claim: str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | Problem | StatusChangePage | ValidationProblem | None:
    """Where the event's claims changed status

     The points of the claim timeline where a claim's status changed (its `status_after`
    differs from the status just before), by claim, then in timeline order: each claim's status
    over time as bands, in as many points as it changed status, however many statements the
    event holds. Retracted statements move nothing.

    Args:
        event (str):
        claim (str | Unset): Claim id: only this claim's changes.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | StatusChangePage | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            claim=claim,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
