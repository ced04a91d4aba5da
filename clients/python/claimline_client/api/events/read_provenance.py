from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.read_provenance_response_200 import ReadProvenanceResponse200
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    event: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/provenance".format(
            event=quote(str(event), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ReadProvenanceResponse200 | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ReadProvenanceResponse200.from_dict(response.json())

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
) -> Response[Any | Problem | ReadProvenanceResponse200 | ValidationProblem]:
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
) -> Response[Any | Problem | ReadProvenanceResponse200 | ValidationProblem]:
    """An event's provenance as W3C PROV-JSON

     The event's sources as agents; its statements (retracted ones included), their relayed
    copies and its claims as entities, under the prefix `cl` = `urn:claimline:`
    (`cl:source-{id}`, `cl:statement-{id}`, `cl:copy-{statement id}-{hop}` with hop 1 the
    nearest relay to the speaker, `cl:claim-{id}`). Relations: `wasGeneratedBy` with the
    statement's `said_at` or the copy's `published_at`; `wasAttributedTo` (statement → speaker,
    copy → relay); `actedOnBehalfOf` (speaker → party); `wasDerivedFrom` with `prov:type`
    `prov:Quotation` (each copy → the copy or statement before it) and without it for
    `based_on`; `wasInvalidatedBy` with the retraction's time and reason; `wasInfluencedBy` for
    answers (`cl:Answer`, answer → the statement it answers) and stances (`cl:Stance`, claim →
    statement, with `cl:stance`).

    Args:
        event (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ReadProvenanceResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | ReadProvenanceResponse200 | ValidationProblem | None:
    """An event's provenance as W3C PROV-JSON

     The event's sources as agents; its statements (retracted ones included), their relayed
    copies and its claims as entities, under the prefix `cl` = `urn:claimline:`
    (`cl:source-{id}`, `cl:statement-{id}`, `cl:copy-{statement id}-{hop}` with hop 1 the
    nearest relay to the speaker, `cl:claim-{id}`). Relations: `wasGeneratedBy` with the
    statement's `said_at` or the copy's `published_at`; `wasAttributedTo` (statement → speaker,
    copy → relay); `actedOnBehalfOf` (speaker → party); `wasDerivedFrom` with `prov:type`
    `prov:Quotation` (each copy → the copy or statement before it) and without it for
    `based_on`; `wasInvalidatedBy` with the retraction's time and reason; `wasInfluencedBy` for
    answers (`cl:Answer`, answer → the statement it answers) and stances (`cl:Stance`, claim →
    statement, with `cl:stance`).

    Args:
        event (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ReadProvenanceResponse200 | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem | ReadProvenanceResponse200 | ValidationProblem]:
    """An event's provenance as W3C PROV-JSON

     The event's sources as agents; its statements (retracted ones included), their relayed
    copies and its claims as entities, under the prefix `cl` = `urn:claimline:`
    (`cl:source-{id}`, `cl:statement-{id}`, `cl:copy-{statement id}-{hop}` with hop 1 the
    nearest relay to the speaker, `cl:claim-{id}`). Relations: `wasGeneratedBy` with the
    statement's `said_at` or the copy's `published_at`; `wasAttributedTo` (statement → speaker,
    copy → relay); `actedOnBehalfOf` (speaker → party); `wasDerivedFrom` with `prov:type`
    `prov:Quotation` (each copy → the copy or statement before it) and without it for
    `based_on`; `wasInvalidatedBy` with the retraction's time and reason; `wasInfluencedBy` for
    answers (`cl:Answer`, answer → the statement it answers) and stances (`cl:Stance`, claim →
    statement, with `cl:stance`).

    Args:
        event (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ReadProvenanceResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | ReadProvenanceResponse200 | ValidationProblem | None:
    """An event's provenance as W3C PROV-JSON

     The event's sources as agents; its statements (retracted ones included), their relayed
    copies and its claims as entities, under the prefix `cl` = `urn:claimline:`
    (`cl:source-{id}`, `cl:statement-{id}`, `cl:copy-{statement id}-{hop}` with hop 1 the
    nearest relay to the speaker, `cl:claim-{id}`). Relations: `wasGeneratedBy` with the
    statement's `said_at` or the copy's `published_at`; `wasAttributedTo` (statement → speaker,
    copy → relay); `actedOnBehalfOf` (speaker → party); `wasDerivedFrom` with `prov:type`
    `prov:Quotation` (each copy → the copy or statement before it) and without it for
    `based_on`; `wasInvalidatedBy` with the retraction's time and reason; `wasInfluencedBy` for
    answers (`cl:Answer`, answer → the statement it answers) and stances (`cl:Stance`, claim →
    statement, with `cl:stance`).

    Args:
        event (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ReadProvenanceResponse200 | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
        )
    ).parsed
