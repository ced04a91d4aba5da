from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.retraction import Retraction
from ...models.statement_out import StatementOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    statement: str,
    *,
    body: Retraction,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/statements/{statement}".format(
            statement=quote(str(statement), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatementOut | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = StatementOut.from_dict(response.json())

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
) -> Response[Problem | StatementOut | ValidationProblem]:
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
    body: Retraction,
) -> Response[Problem | StatementOut | ValidationProblem]:
    """Retract a statement

     Retract a statement: it stays readable, with `retracted_at` and `retraction_reason`, and no
    longer counts in lists, statuses and views. Retracting it again is a 409.

    Args:
        statement (str):
        body (Retraction): Why a statement is retracted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        statement=statement,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    statement: str,
    *,
    client: AuthenticatedClient,
    body: Retraction,
) -> Problem | StatementOut | ValidationProblem | None:
    """Retract a statement

     Retract a statement: it stays readable, with `retracted_at` and `retraction_reason`, and no
    longer counts in lists, statuses and views. Retracting it again is a 409.

    Args:
        statement (str):
        body (Retraction): Why a statement is retracted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut | ValidationProblem
    """

    return sync_detailed(
        statement=statement,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    statement: str,
    *,
    client: AuthenticatedClient,
    body: Retraction,
) -> Response[Problem | StatementOut | ValidationProblem]:
    """Retract a statement

     Retract a statement: it stays readable, with `retracted_at` and `retraction_reason`, and no
    longer counts in lists, statuses and views. Retracting it again is a 409.

    Args:
        statement (str):
        body (Retraction): Why a statement is retracted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        statement=statement,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    statement: str,
    *,
    client: AuthenticatedClient,
    body: Retraction,
) -> Problem | StatementOut | ValidationProblem | None:
    """Retract a statement

     Retract a statement: it stays readable, with `retracted_at` and `retraction_reason`, and no
    longer counts in lists, statuses and views. Retracting it again is a 409.

    Args:
        statement (str):
        body (Retraction): Why a statement is retracted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            statement=statement,
            client=client,
            body=body,
        )
    ).parsed
