from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    include_retracted: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["include_retracted"] = include_retracted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/statements.csv".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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
) -> Response[Problem | ValidationProblem | str]:
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
    include_retracted: bool | Unset = False,
) -> Response[Problem | ValidationProblem | str]:
    """An event's statements as CSV

     Every statement of the event for a spreadsheet, by `said_at` then recording order:
    `id, said_at, said_at_precision, speaker, on_behalf_of, party, medium, text, url, language,
    via` (relays, nearest first, joined by ` > `), `stances` (`stance: claim text`, joined by
    `; `), `recorded_at, retracted_at, retraction_reason, archive_url, responds_to`, `based_on`
    (ids joined by spaces), `via_quotes` (each relay's wording as `relay: words`, joined by
    ` > `). UTF-8 with a byte order mark, CRLF
    line ends; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with
    `'`. Not paginated: the rows are streamed.

    Args:
        event (str):
        include_retracted (bool | Unset): Also the retracted statements (with their reason).
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        event=event,
        include_retracted=include_retracted,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: str,
    *,
    client: AuthenticatedClient,
    include_retracted: bool | Unset = False,
) -> Problem | ValidationProblem | str | None:
    """An event's statements as CSV

     Every statement of the event for a spreadsheet, by `said_at` then recording order:
    `id, said_at, said_at_precision, speaker, on_behalf_of, party, medium, text, url, language,
    via` (relays, nearest first, joined by ` > `), `stances` (`stance: claim text`, joined by
    `; `), `recorded_at, retracted_at, retraction_reason, archive_url, responds_to`, `based_on`
    (ids joined by spaces), `via_quotes` (each relay's wording as `relay: words`, joined by
    ` > `). UTF-8 with a byte order mark, CRLF
    line ends; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with
    `'`. Not paginated: the rows are streamed.

    Args:
        event (str):
        include_retracted (bool | Unset): Also the retracted statements (with their reason).
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return sync_detailed(
        event=event,
        client=client,
        include_retracted=include_retracted,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    include_retracted: bool | Unset = False,
) -> Response[Problem | ValidationProblem | str]:
    """An event's statements as CSV

     Every statement of the event for a spreadsheet, by `said_at` then recording order:
    `id, said_at, said_at_precision, speaker, on_behalf_of, party, medium, text, url, language,
    via` (relays, nearest first, joined by ` > `), `stances` (`stance: claim text`, joined by
    `; `), `recorded_at, retracted_at, retraction_reason, archive_url, responds_to`, `based_on`
    (ids joined by spaces), `via_quotes` (each relay's wording as `relay: words`, joined by
    ` > `). UTF-8 with a byte order mark, CRLF
    line ends; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with
    `'`. Not paginated: the rows are streamed.

    Args:
        event (str):
        include_retracted (bool | Unset): Also the retracted statements (with their reason).
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | str]
    """

    kwargs = _get_kwargs(
        event=event,
        include_retracted=include_retracted,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
    include_retracted: bool | Unset = False,
) -> Problem | ValidationProblem | str | None:
    """An event's statements as CSV

     Every statement of the event for a spreadsheet, by `said_at` then recording order:
    `id, said_at, said_at_precision, speaker, on_behalf_of, party, medium, text, url, language,
    via` (relays, nearest first, joined by ` > `), `stances` (`stance: claim text`, joined by
    `; `), `recorded_at, retracted_at, retraction_reason, archive_url, responds_to`, `based_on`
    (ids joined by spaces), `via_quotes` (each relay's wording as `relay: words`, joined by
    ` > `). UTF-8 with a byte order mark, CRLF
    line ends; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with
    `'`. Not paginated: the rows are streamed.

    Args:
        event (str):
        include_retracted (bool | Unset): Also the retracted statements (with their reason).
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | str
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            include_retracted=include_retracted,
        )
    ).parsed
