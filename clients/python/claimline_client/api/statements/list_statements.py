from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.statement_page import StatementPage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    event: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    claim: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_event: None | str | Unset
    if isinstance(event, Unset):
        json_event = UNSET
    else:
        json_event = event
    params["event"] = json_event

    json_speaker: None | str | Unset
    if isinstance(speaker, Unset):
        json_speaker = UNSET
    else:
        json_speaker = speaker
    params["speaker"] = json_speaker

    json_claim: None | str | Unset
    if isinstance(claim, Unset):
        json_claim = UNSET
    else:
        json_claim = claim
    params["claim"] = json_claim

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["include_retracted"] = include_retracted

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

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
    event: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    claim: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | StatementPage | ValidationProblem]:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (None | str | Unset): Event id or slug.
        speaker (None | str | Unset): Source id or slug: statements it spoke or its party.
        claim (None | str | Unset): Claim id: statements with a stance on it.
        q (None | str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

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
    event: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    claim: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | StatementPage | ValidationProblem | None:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (None | str | Unset): Event id or slug.
        speaker (None | str | Unset): Source id or slug: statements it spoke or its party.
        claim (None | str | Unset): Claim id: statements with a stance on it.
        q (None | str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

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
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    event: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    claim: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | StatementPage | ValidationProblem]:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (None | str | Unset): Event id or slug.
        speaker (None | str | Unset): Source id or slug: statements it spoke or its party.
        claim (None | str | Unset): Claim id: statements with a stance on it.
        q (None | str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

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
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    event: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    claim: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_retracted: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | StatementPage | ValidationProblem | None:
    """List statements

     Statements in recording order, filtered; retracted ones only with `include_retracted`.

    Args:
        event (None | str | Unset): Event id or slug.
        speaker (None | str | Unset): Source id or slug: statements it spoke or its party.
        claim (None | str | Unset): Claim id: statements with a stance on it.
        q (None | str | Unset): Full-text search: statements containing every word.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the previous page.

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
            limit=limit,
            cursor=cursor,
        )
    ).parsed
