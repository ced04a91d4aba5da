from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stream_event_response_200 import StreamEventResponse200
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event: str,
    *,
    after: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["after"] = after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event}/stream".format(
            event=quote(str(event), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StreamEventResponse200 | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = StreamEventResponse200.from_dict(response.text)

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
) -> Response[Problem | StreamEventResponse200 | ValidationProblem]:
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
    after: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[Problem | StreamEventResponse200 | ValidationProblem]:
    """The event's changes, live (Server-Sent Events)

     Server-Sent Events (`text/event-stream`), one per change of the event, on any instance, in the
    order they were committed:

    ```
    id: 42
    event: recorded
    data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
    ```

    `event` is `recorded` or `retracted` (with `item`, the statement as a timeline item with the
    values computed now: a statement said before others changes theirs too, re-read the timeline for
    them), or `event_updated`, `claim_created` or `review_added` (`{seq, change}`: re-read the
    event, its claims or its comparison). The stream opens with `event: ready` whose `id` is the
    position it starts from. A client that reconnects with `Last-Event-ID` (browsers' EventSource
    do) or `?after=` gets every change after that position first, so it misses nothing; a position
    past the newest change (the database was restored from a backup) gets `event: reload` (`{seq,
    event_id}`): what the client shows may be gone, so it reloads its views and the stream goes on
    from the newest change. A comment line every 15 s keeps the connection alive. Changes made
    before the stream existed in this database are not replayed: read the timeline for them.

    Args:
        event (str):
        after (int | Unset): Resume after this position (as `Last-Event-ID`).
        last_event_id (str | Unset): The `id` of the last event received: the stream resumes after
            it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEventResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        after=after,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Problem | StreamEventResponse200 | ValidationProblem | None:
    """The event's changes, live (Server-Sent Events)

     Server-Sent Events (`text/event-stream`), one per change of the event, on any instance, in the
    order they were committed:

    ```
    id: 42
    event: recorded
    data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
    ```

    `event` is `recorded` or `retracted` (with `item`, the statement as a timeline item with the
    values computed now: a statement said before others changes theirs too, re-read the timeline for
    them), or `event_updated`, `claim_created` or `review_added` (`{seq, change}`: re-read the
    event, its claims or its comparison). The stream opens with `event: ready` whose `id` is the
    position it starts from. A client that reconnects with `Last-Event-ID` (browsers' EventSource
    do) or `?after=` gets every change after that position first, so it misses nothing; a position
    past the newest change (the database was restored from a backup) gets `event: reload` (`{seq,
    event_id}`): what the client shows may be gone, so it reloads its views and the stream goes on
    from the newest change. A comment line every 15 s keeps the connection alive. Changes made
    before the stream existed in this database are not replayed: read the timeline for them.

    Args:
        event (str):
        after (int | Unset): Resume after this position (as `Last-Event-ID`).
        last_event_id (str | Unset): The `id` of the last event received: the stream resumes after
            it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEventResponse200 | ValidationProblem
    """

    return sync_detailed(
        event=event,
        client=client,
        after=after,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    event: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[Problem | StreamEventResponse200 | ValidationProblem]:
    """The event's changes, live (Server-Sent Events)

     Server-Sent Events (`text/event-stream`), one per change of the event, on any instance, in the
    order they were committed:

    ```
    id: 42
    event: recorded
    data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
    ```

    `event` is `recorded` or `retracted` (with `item`, the statement as a timeline item with the
    values computed now: a statement said before others changes theirs too, re-read the timeline for
    them), or `event_updated`, `claim_created` or `review_added` (`{seq, change}`: re-read the
    event, its claims or its comparison). The stream opens with `event: ready` whose `id` is the
    position it starts from. A client that reconnects with `Last-Event-ID` (browsers' EventSource
    do) or `?after=` gets every change after that position first, so it misses nothing; a position
    past the newest change (the database was restored from a backup) gets `event: reload` (`{seq,
    event_id}`): what the client shows may be gone, so it reloads its views and the stream goes on
    from the newest change. A comment line every 15 s keeps the connection alive. Changes made
    before the stream existed in this database are not replayed: read the timeline for them.

    Args:
        event (str):
        after (int | Unset): Resume after this position (as `Last-Event-ID`).
        last_event_id (str | Unset): The `id` of the last event received: the stream resumes after
            it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEventResponse200 | ValidationProblem]
    """

    kwargs = _get_kwargs(
        event=event,
        after=after,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Problem | StreamEventResponse200 | ValidationProblem | None:
    """The event's changes, live (Server-Sent Events)

     Server-Sent Events (`text/event-stream`), one per change of the event, on any instance, in the
    order they were committed:

    ```
    id: 42
    event: recorded
    data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
    ```

    `event` is `recorded` or `retracted` (with `item`, the statement as a timeline item with the
    values computed now: a statement said before others changes theirs too, re-read the timeline for
    them), or `event_updated`, `claim_created` or `review_added` (`{seq, change}`: re-read the
    event, its claims or its comparison). The stream opens with `event: ready` whose `id` is the
    position it starts from. A client that reconnects with `Last-Event-ID` (browsers' EventSource
    do) or `?after=` gets every change after that position first, so it misses nothing; a position
    past the newest change (the database was restored from a backup) gets `event: reload` (`{seq,
    event_id}`): what the client shows may be gone, so it reloads its views and the stream goes on
    from the newest change. A comment line every 15 s keeps the connection alive. Changes made
    before the stream existed in this database are not replayed: read the timeline for them.

    Args:
        event (str):
        after (int | Unset): Resume after this position (as `Last-Event-ID`).
        last_event_id (str | Unset): The `id` of the last event received: the stream resumes after
            it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEventResponse200 | ValidationProblem
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            after=after,
            last_event_id=last_event_id,
        )
    ).parsed
