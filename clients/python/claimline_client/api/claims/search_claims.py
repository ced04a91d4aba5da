from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.similar_claims import SimilarClaims
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    event: str | Unset = UNSET,
    min_score: float | Unset = 0.3,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["event"] = event

    params["min_score"] = min_score

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/claims",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SimilarClaims | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = SimilarClaims.from_dict(response.json())

        return response_200

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
) -> Response[Problem | SimilarClaims | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    event: str | Unset = UNSET,
    min_score: float | Unset = 0.3,
    limit: int | Unset = 20,
) -> Response[Problem | SimilarClaims | ValidationProblem]:
    """Search claims across events

     The claims of every event (or of `event`) whose normalized text is most similar to `q`,
    the same way as `/v1/claims/{id}/similar`; a `q` shorter than 10 characters once normalized
    finds nothing.

    Args:
        q (str): Claim text.
        event (str | Unset): Event id or slug.
        min_score (float | Unset): The least score of a claim listed. Default: 0.3.
        limit (int | Unset): At most this many claims. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimilarClaims | ValidationProblem]
    """

    kwargs = _get_kwargs(
        q=q,
        event=event,
        min_score=min_score,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    event: str | Unset = UNSET,
    min_score: float | Unset = 0.3,
    limit: int | Unset = 20,
) -> Problem | SimilarClaims | ValidationProblem | None:
    """Search claims across events

     The claims of every event (or of `event`) whose normalized text is most similar to `q`,
    the same way as `/v1/claims/{id}/similar`; a `q` shorter than 10 characters once normalized
    finds nothing.

    Args:
        q (str): Claim text.
        event (str | Unset): Event id or slug.
        min_score (float | Unset): The least score of a claim listed. Default: 0.3.
        limit (int | Unset): At most this many claims. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimilarClaims | ValidationProblem
    """

    return sync_detailed(
        client=client,
        q=q,
        event=event,
        min_score=min_score,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    event: str | Unset = UNSET,
    min_score: float | Unset = 0.3,
    limit: int | Unset = 20,
) -> Response[Problem | SimilarClaims | ValidationProblem]:
    """Search claims across events

     The claims of every event (or of `event`) whose normalized text is most similar to `q`,
    the same way as `/v1/claims/{id}/similar`; a `q` shorter than 10 characters once normalized
    finds nothing.

    Args:
        q (str): Claim text.
        event (str | Unset): Event id or slug.
        min_score (float | Unset): The least score of a claim listed. Default: 0.3.
        limit (int | Unset): At most this many claims. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimilarClaims | ValidationProblem]
    """

    kwargs = _get_kwargs(
        q=q,
        event=event,
        min_score=min_score,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    event: str | Unset = UNSET,
    min_score: float | Unset = 0.3,
    limit: int | Unset = 20,
) -> Problem | SimilarClaims | ValidationProblem | None:
    """Search claims across events

     The claims of every event (or of `event`) whose normalized text is most similar to `q`,
    the same way as `/v1/claims/{id}/similar`; a `q` shorter than 10 characters once normalized
    finds nothing.

    Args:
        q (str): Claim text.
        event (str | Unset): Event id or slug.
        min_score (float | Unset): The least score of a claim listed. Default: 0.3.
        limit (int | Unset): At most this many claims. Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimilarClaims | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            event=event,
            min_score=min_score,
            limit=limit,
        )
    ).parsed
