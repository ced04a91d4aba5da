import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comparison import Comparison
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    sources: str | Unset = UNSET,
    as_of: datetime.datetime | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sources"] = sources

    json_as_of: str | Unset = UNSET
    if not isinstance(as_of, Unset):
        json_as_of = as_of.isoformat()
    params["as_of"] = json_as_of

    json_known_at: str | Unset = UNSET
    if not isinstance(known_at, Unset):
        json_known_at = known_at.isoformat()
    params["known_at"] = json_known_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/comparison".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Comparison | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = Comparison.from_dict(response.json())

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
) -> Response[Any | Comparison | Problem | ValidationProblem]:
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
    sources: str | Unset = UNSET,
    as_of: datetime.datetime | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
) -> Response[Any | Comparison | Problem | ValidationProblem]:
    """The comparison of an event's sources

     Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements.

    Args:
        event (str):
        sources (str | Unset): Comma-separated source ids or slugs (empty: all): only statements
            whose party is one of them count, for every value of the view.
        as_of (datetime.datetime | Unset): Only statements said at or before this instant.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Comparison | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        sources=sources,
        as_of=as_of,
        known_at=known_at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: str,
    *,
    client: AuthenticatedClient,
    sources: str | Unset = UNSET,
    as_of: datetime.datetime | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
) -> Any | Comparison | Problem | ValidationProblem | None:
    """The comparison of an event's sources

     Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements.

    Args:
        event (str):
        sources (str | Unset): Comma-separated source ids or slugs (empty: all): only statements
            whose party is one of them count, for every value of the view.
        as_of (datetime.datetime | Unset): Only statements said at or before this instant.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Comparison | Problem | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
        sources=sources,
        as_of=as_of,
        known_at=known_at,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    sources: str | Unset = UNSET,
    as_of: datetime.datetime | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
) -> Response[Any | Comparison | Problem | ValidationProblem]:
    """The comparison of an event's sources

     Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements.

    Args:
        event (str):
        sources (str | Unset): Comma-separated source ids or slugs (empty: all): only statements
            whose party is one of them count, for every value of the view.
        as_of (datetime.datetime | Unset): Only statements said at or before this instant.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Comparison | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        sources=sources,
        as_of=as_of,
        known_at=known_at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
    sources: str | Unset = UNSET,
    as_of: datetime.datetime | Unset = UNSET,
    known_at: datetime.datetime | Unset = UNSET,
) -> Any | Comparison | Problem | ValidationProblem | None:
    """The comparison of an event's sources

     Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements.

    Args:
        event (str):
        sources (str | Unset): Comma-separated source ids or slugs (empty: all): only statements
            whose party is one of them count, for every value of the view.
        as_of (datetime.datetime | Unset): Only statements said at or before this instant.
        known_at (datetime.datetime | Unset): The record as it stood at this instant (RFC 3339
            with offset): statements recorded by then and not retracted by then; a later retraction is
            not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Comparison | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            sources=sources,
            as_of=as_of,
            known_at=known_at,
        )
    ).parsed
