from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.source_out import SourceOut
from ...models.source_update import SourceUpdate
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    source: str,
    *,
    body: SourceUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/sources/{source}".format(
            source=quote(str(source), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SourceOut | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = SourceOut.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
    source: str,
    *,
    client: AuthenticatedClient,
    body: SourceUpdate,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SourceOut | ValidationProblem]:
    """Update a source

     Change the fields present in the body; with `If-Match`, only if the source is unchanged.

    Args:
        source (str):
        if_match (str | Unset): The ETag the update is based on: 412 if it changed.
        body (SourceUpdate): A partial update: only the fields present change; `homepage: null`
            clears it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        source=source,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    source: str,
    *,
    client: AuthenticatedClient,
    body: SourceUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | SourceOut | ValidationProblem | None:
    """Update a source

     Change the fields present in the body; with `If-Match`, only if the source is unchanged.

    Args:
        source (str):
        if_match (str | Unset): The ETag the update is based on: 412 if it changed.
        body (SourceUpdate): A partial update: only the fields present change; `homepage: null`
            clears it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceOut | ValidationProblem
    """

    return sync_detailed(
        source=source,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    source: str,
    *,
    client: AuthenticatedClient,
    body: SourceUpdate,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SourceOut | ValidationProblem]:
    """Update a source

     Change the fields present in the body; with `If-Match`, only if the source is unchanged.

    Args:
        source (str):
        if_match (str | Unset): The ETag the update is based on: 412 if it changed.
        body (SourceUpdate): A partial update: only the fields present change; `homepage: null`
            clears it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        source=source,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    source: str,
    *,
    client: AuthenticatedClient,
    body: SourceUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | SourceOut | ValidationProblem | None:
    """Update a source

     Change the fields present in the body; with `If-Match`, only if the source is unchanged.

    Args:
        source (str):
        if_match (str | Unset): The ETag the update is based on: 412 if it changed.
        body (SourceUpdate): A partial update: only the fields present change; `homepage: null`
            clears it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            source=source,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
