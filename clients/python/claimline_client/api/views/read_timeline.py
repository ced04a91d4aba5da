import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order import Order
from ...models.problem import Problem
from ...models.stance_kind import StanceKind
from ...models.timeline import Timeline
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    order: Order | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    stance: StanceKind | Unset = UNSET,
    include_retracted: bool | Unset = False,
    at: str | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["speaker"] = speaker

    params["claim"] = claim

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    json_stance: str | Unset = UNSET
    if not isinstance(stance, Unset):
        json_stance = stance.value

    params["stance"] = json_stance

    params["include_retracted"] = include_retracted

    params["at"] = at

    json_known_at: str | Unset = UNSET
    if not isinstance(known_at, Unset):
        json_known_at = known_at.isoformat()
    params["known_at"] = json_known_at

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/timeline".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | Timeline | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = Timeline.from_dict(response.json())

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
) -> Response[Any | Problem | Timeline | ValidationProblem]:
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
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    order: Order | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    stance: StanceKind | Unset = UNSET,
    include_retracted: bool | Unset = False,
    at: str | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | Problem | Timeline | ValidationProblem]:
    """The claim timeline of an event

     The event's non-retracted statements in timeline order (`said_at`, then recording order),
    each with its party and, per stance, `first_mention` (no earlier statement took a stance on
    the claim), `reversal` (the party's side just before was the opposite one) and `status_after`
    (from every party's latest taken side: none `open`, only supports `asserted`, only refutes
    `denied`, both `contested`). Filters choose which items are shown; they never change these
    values.

    Args:
        event (str):
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        order (Order | Unset): Timeline order: `desc` is the exact reverse of `asc`.
        since (datetime.datetime | Unset): Said at or after.
        until (datetime.datetime | Unset): Said at or before.
        stance (StanceKind | Unset): The attitude a statement takes towards a claim.
        include_retracted (bool | Unset): Also show retracted statements (they count for nothing).
            Default: False.
        at (str | Unset): Start the page at this statement of the event (its id) instead of the
            beginning; `prev_cursor` then leads to the items before it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Timeline | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        speaker=speaker,
        claim=claim,
        order=order,
        since=since,
        until=until,
        stance=stance,
        include_retracted=include_retracted,
        at=at,
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
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    order: Order | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    stance: StanceKind | Unset = UNSET,
    include_retracted: bool | Unset = False,
    at: str | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | Problem | Timeline | ValidationProblem | None:
    """The claim timeline of an event

     The event's non-retracted statements in timeline order (`said_at`, then recording order),
    each with its party and, per stance, `first_mention` (no earlier statement took a stance on
    the claim), `reversal` (the party's side just before was the opposite one) and `status_after`
    (from every party's latest taken side: none `open`, only supports `asserted`, only refutes
    `denied`, both `contested`). Filters choose which items are shown; they never change these
    values.

    Args:
        event (str):
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        order (Order | Unset): Timeline order: `desc` is the exact reverse of `asc`.
        since (datetime.datetime | Unset): Said at or after.
        until (datetime.datetime | Unset): Said at or before.
        stance (StanceKind | Unset): The attitude a statement takes towards a claim.
        include_retracted (bool | Unset): Also show retracted statements (they count for nothing).
            Default: False.
        at (str | Unset): Start the page at this statement of the event (its id) instead of the
            beginning; `prev_cursor` then leads to the items before it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Timeline | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
        speaker=speaker,
        claim=claim,
        order=order,
        since=since,
        until=until,
        stance=stance,
        include_retracted=include_retracted,
        at=at,
        known_at=known_at,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    order: Order | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    stance: StanceKind | Unset = UNSET,
    include_retracted: bool | Unset = False,
    at: str | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Any | Problem | Timeline | ValidationProblem]:
    """The claim timeline of an event

     The event's non-retracted statements in timeline order (`said_at`, then recording order),
    each with its party and, per stance, `first_mention` (no earlier statement took a stance on
    the claim), `reversal` (the party's side just before was the opposite one) and `status_after`
    (from every party's latest taken side: none `open`, only supports `asserted`, only refutes
    `denied`, both `contested`). Filters choose which items are shown; they never change these
    values.

    Args:
        event (str):
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        order (Order | Unset): Timeline order: `desc` is the exact reverse of `asc`.
        since (datetime.datetime | Unset): Said at or after.
        until (datetime.datetime | Unset): Said at or before.
        stance (StanceKind | Unset): The attitude a statement takes towards a claim.
        include_retracted (bool | Unset): Also show retracted statements (they count for nothing).
            Default: False.
        at (str | Unset): Start the page at this statement of the event (its id) instead of the
            beginning; `prev_cursor` then leads to the items before it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Timeline | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        speaker=speaker,
        claim=claim,
        order=order,
        since=since,
        until=until,
        stance=stance,
        include_retracted=include_retracted,
        at=at,
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
    speaker: str | Unset = UNSET,
    claim: str | Unset = UNSET,
    order: Order | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    stance: StanceKind | Unset = UNSET,
    include_retracted: bool | Unset = False,
    at: str | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Any | Problem | Timeline | ValidationProblem | None:
    """The claim timeline of an event

     The event's non-retracted statements in timeline order (`said_at`, then recording order),
    each with its party and, per stance, `first_mention` (no earlier statement took a stance on
    the claim), `reversal` (the party's side just before was the opposite one) and `status_after`
    (from every party's latest taken side: none `open`, only supports `asserted`, only refutes
    `denied`, both `contested`). Filters choose which items are shown; they never change these
    values.

    Args:
        event (str):
        speaker (str | Unset): Source id or slug: statements it spoke or its party.
        claim (str | Unset): Claim id: statements with a stance on it.
        order (Order | Unset): Timeline order: `desc` is the exact reverse of `asc`.
        since (datetime.datetime | Unset): Said at or after.
        until (datetime.datetime | Unset): Said at or before.
        stance (StanceKind | Unset): The attitude a statement takes towards a claim.
        include_retracted (bool | Unset): Also show retracted statements (they count for nothing).
            Default: False.
        at (str | Unset): Start the page at this statement of the event (its id) instead of the
            beginning; `prev_cursor` then leads to the items before it.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.
        limit (int | Unset): Items per page, 1 to 200. Default: 50.
        cursor (str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Timeline | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            speaker=speaker,
            claim=claim,
            order=order,
            since=since,
            until=until,
            stance=stance,
            include_retracted=include_retracted,
            at=at,
            known_at=known_at,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
