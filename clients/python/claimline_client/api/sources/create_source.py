from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.source_create import SourceCreate
from ...models.source_out import SourceOut
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SourceCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sources",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SourceOut | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = SourceOut.from_dict(response.json())

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
) -> Response[Problem | SourceOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SourceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SourceOut | ValidationProblem]:
    """Create a source

     Create a source; its slug is derived from the name when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409.

    Args:
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (SourceCreate): A new source. The slug is derived from the name when not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SourceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SourceOut | ValidationProblem | None:
    """Create a source

     Create a source; its slug is derived from the name when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409.

    Args:
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (SourceCreate): A new source. The slug is derived from the name when not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceOut | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SourceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SourceOut | ValidationProblem]:
    """Create a source

     Create a source; its slug is derived from the name when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409.

    Args:
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (SourceCreate): A new source. The slug is derived from the name when not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SourceCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SourceOut | ValidationProblem | None:
    """Create a source

     Create a source; its slug is derived from the name when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409.

    Args:
        idempotency_key (str | Unset): Retrying with the same key and body replays the first
            response and creates nothing; the same key with another body is a 422. Keys are kept for
            24 hours.
        body (SourceCreate): A new source. The slug is derived from the name when not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
