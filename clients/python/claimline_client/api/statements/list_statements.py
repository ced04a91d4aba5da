import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.statement_page import StatementPage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    event: str | Unset = UNSET,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    q: str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    responds_to: UUID | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["event"] = event

    params["speaker"] = speaker

    params["claim"] = claim

    params["q"] = q

    params["include_retracted"] = include_retracted

    json_responds_to: str | Unset = UNSET
    if not isinstance(responds_to, Unset):
        json_responds_to = str(responds_to)
    params["responds_to"] = json_responds_to

    json_known_at: str | Unset = UNSET
    if not isinstance(known_at, Unset):
        json_known_at = known_at.isoformat()
    params["known_at"] = json_known_at

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatementPage | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = StatementPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | StatementPage | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    event: str | Unset = UNSET,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    q: str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    responds_to: UUID | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Problem | StatementPage | ValidationProblem]:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (str | Unset): Event id or slug.
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        q (str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        responds_to (UUID | Unset): Only the direct answers of this statement (its id).
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        speaker=speaker,
        claim=claim,
        q=q,
        include_retracted=include_retracted,
        responds_to=responds_to,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    event: str | Unset = UNSET,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    q: str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    responds_to: UUID | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Problem | StatementPage | ValidationProblem | None:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (str | Unset): Event id or slug.
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        q (str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        responds_to (UUID | Unset): Only the direct answers of this statement (its id).
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementPage | ValidationProblem
    """

    return sync_detailed(
        client=client,
        event=event,
        speaker=speaker,
        claim=claim,
        q=q,
        include_retracted=include_retracted,
        responds_to=responds_to,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    event: str | Unset = UNSET,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    q: str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    responds_to: UUID | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Problem | StatementPage | ValidationProblem]:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (str | Unset): Event id or slug.
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        q (str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        responds_to (UUID | Unset): Only the direct answers of this statement (its id).
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        speaker=speaker,
        claim=claim,
        q=q,
        include_retracted=include_retracted,
        responds_to=responds_to,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    event: str | Unset = UNSET,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    q: str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    responds_to: UUID | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Problem | StatementPage | ValidationProblem | None:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (str | Unset): Event id or slug.
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        q (str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        responds_to (UUID | Unset): Only the direct answers of this statement (its id).
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementPage | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            event=event,
            speaker=speaker,
            claim=claim,
            q=q,
            include_retracted=include_retracted,
            responds_to=responds_to,
            known_at=known_at,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
