from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.thread import Thread
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    statement: str,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statements/{statement}/thread".format(
            statement=quote(str(statement), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | Thread | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = Thread.from_dict(response.json())

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
) -> Response[Any | Problem | Thread | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    statement: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | Thread | ValidationProblem]:
    """The thread of a statement

     The chain of statements this one answers (`responds_to`, root first), the statement, and
    every statement answering it directly or through others (timeline order), each a timeline
    item; retracted statements are included, shown as the timeline shows them with
    `include_retracted=true`.

    Args:
        statement (str):
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Thread | ValidationProblem]
    """

    kwargs = _get_kwargs(
        statement=statement,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    statement: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | Thread | ValidationProblem | None:
    """The thread of a statement

     The chain of statements this one answers (`responds_to`, root first), the statement, and
    every statement answering it directly or through others (timeline order), each a timeline
    item; retracted statements are included, shown as the timeline shows them with
    `include_retracted=true`.

    Args:
        statement (str):
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Thread | ValidationProblem
    """

    return sync_detailed(
        statement=statement,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    statement: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | Thread | ValidationProblem]:
    """The thread of a statement

     The chain of statements this one answers (`responds_to`, root first), the statement, and
    every statement answering it directly or through others (timeline order), each a timeline
    item; retracted statements are included, shown as the timeline shows them with
    `include_retracted=true`.

    Args:
        statement (str):
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Thread | ValidationProblem]
    """

    kwargs = _get_kwargs(
        statement=statement,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    statement: str,
    *,
    client: AuthenticatedClient,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | Thread | ValidationProblem | None:
    """The thread of a statement

     The chain of statements this one answers (`responds_to`, root first), the statement, and
    every statement answering it directly or through others (timeline order), each a timeline
    item; retracted statements are included, shown as the timeline shows them with
    `include_retracted=true`.

    Args:
        statement (str):
        if_none_match (str | Unset): An ETag from an earlier read: 304 if unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Thread | ValidationProblem
    """

    return (
        await asyncio_detailed(
            statement=statement,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
