"""Generate realistic statements and load them through Claimline's batch endpoint.

Events: a few very large and many small (or, with `--single-event`, one event of every statement).
Sources: parties created beforehand with aliases and named by slug, plus new inline sources in the
batches; outlets relay a third of the statements. About 3 stances per statement, 5 % said before
the statements recorded just earlier (out-of-order arrivals), 1 % retracted afterwards.

Usage: .venv/bin/python -m bench.generate --url http://127.0.0.1:8000 --statements 100000
"""

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

BATCH_SIZE = 1000
STANCES = ("supports", "refutes", "questions", "neutral")
STANCE_WEIGHTS = (45, 35, 12, 8)
MEDIA = ("social_post", "interview", "press_release", "news_report", "speech", "document")
FIRST_NAMES = ("Dmitry", "Elton", "Maria", "Sergei", "Anna", "John", "Olga", "Ivan", "Karen", "Li")
LAST_NAMES = ("Peskov", "John", "Zakharova", "Lavrov", "Smith", "Novak", "Chen", "Garcia", "Okafor")
SUBJECTS = ("The president", "The ministry", "The singer", "The spokesman", "The embassy")
VERBS = ("called", "met", "denied meeting", "wrote to", "phoned", "invited")
OBJECTS = ("the activist", "the delegation", "the prime minister", "the press", "the envoy")
START = datetime(2015, 9, 1, tzinfo=UTC)


@dataclass
class Plan:
    """What to generate: the sizes and shape of the data."""

    statements: int
    single_event: bool = False
    parties: int = 200
    outlets: int = 40
    new_source_share: float = 0.05
    out_of_order_share: float = 0.05
    retracted_share: float = 0.01
    seed: int = 1


@dataclass
class _Event:
    slug: str
    title: str
    size: int
    claims: list[str]
    clock: datetime = START
    created: bool = False


@dataclass
class Loaded:
    """What a load created, for benchmarks to point at."""

    event_slugs: list[str] = field(default_factory=list)
    event_sizes: dict[str, int] = field(default_factory=dict)
    statement_ids: list[str] = field(default_factory=list)
    retracted: int = 0
    batch_seconds: list[float] = field(default_factory=list)

    @property
    def statements_per_s(self) -> float:
        """Statements recorded per second of batch requests."""
        return len(self.statement_ids) / sum(self.batch_seconds) if self.batch_seconds else 0.0


def _event_sizes(plan: Plan, rng: random.Random) -> list[int]:
    """A few very large events and many small ones, adding up to the plan's statements."""
    if plan.single_event:
        return [plan.statements]
    large = [plan.statements * share // 100 for share in (30, 15, 10)]
    sizes = [size for size in large if size > 0]
    left = plan.statements - sum(sizes)
    while left > 0:
        size = min(left, rng.randint(5, 60))
        sizes.append(size)
        left -= size
    return sizes


def _claim_text(rng: random.Random, event: int, number: int) -> str:
    who, verb, whom = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    return f"{who} {verb} {whom} (event {event}, claim {number})"


def _events(plan: Plan, rng: random.Random) -> list[_Event]:
    events = []
    for number, size in enumerate(_event_sizes(plan, rng)):
        claims = max(3, min(60, size // 200))
        events.append(
            _Event(
                slug=f"bench-{plan.seed}-event-{number}",
                title=f"Benchmark event {number}",
                size=size,
                claims=[_claim_text(rng, number, k) for k in range(claims)],
            )
        )
    return events


def _party(number: int, rng: random.Random) -> dict[str, Any]:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {number}"
    return {
        "name": name,
        "kind": "person" if number % 3 else "government",
        "slug": f"bench-party-{number}",
        "aliases": [name.split()[-2] + f" #{number}", f"party {number}"],
    }


def _outlet(number: int) -> dict[str, Any]:
    return {"name": f"Outlet {number}", "kind": "outlet", "slug": f"bench-outlet-{number}"}


def _statements(plan: Plan, events: list[_Event], rng: random.Random) -> Iterator[dict[str, Any]]:
    """Statement submissions, events interleaved the way stories break side by side."""
    # Each next statement belongs to an event with a chance in proportion to the statements it
    # has left: a uniformly shuffled sequence of the events' statements (linear in their number,
    # where drawing by weights was linear in the number of events for each statement).
    order = [index for index, event in enumerate(events) for _ in range(event.size)]
    rng.shuffle(order)
    new_sources = 0
    for index in order:
        event = events[index]
        event_ref: Any = event.slug
        if not event.created:
            event_ref = {"slug": event.slug, "title": event.title}
            event.created = True
        if rng.random() < plan.out_of_order_share:
            said_at = event.clock - timedelta(minutes=rng.randint(1, 600))
        else:
            event.clock += timedelta(seconds=rng.randint(1, 900))
            said_at = event.clock
        speaker: Any
        if rng.random() < plan.new_source_share:
            new_sources += 1
            speaker = {"name": f"New source {plan.seed}-{new_sources}", "kind": "person"}
        else:
            speaker = f"bench-party-{rng.randrange(plan.parties)}"
        claims = rng.sample(event.claims, k=min(len(event.claims), rng.choice((2, 3, 3, 4))))
        item: dict[str, Any] = {
            "event": event_ref,
            "speaker": speaker,
            "text": f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
            f"according to a statement numbered {rng.randrange(10**9)}.",
            "said_at": said_at.isoformat().replace("+00:00", "Z"),
            "medium": rng.choice(MEDIA),
            "claims": [
                {"claim": {"text": text}, "stance": rng.choices(STANCES, STANCE_WEIGHTS)[0]}
                for text in claims
            ],
        }
        if rng.random() < 1 / 3:
            item["via"] = [
                {"source": f"bench-outlet-{rng.randrange(plan.outlets)}"}
                for _ in range(rng.choice((1, 1, 2)))
            ]
            if len(item["via"]) == 2 and item["via"][0] == item["via"][1]:
                item["via"].pop()
        yield item


def archive(plan: Plan) -> Iterator[dict[str, Any]]:
    """The plan's statements as an archive to import (`claimline import`): the same submissions
    as `load` sends, with each party and outlet given in full the first time it is named (as an
    export does), so that the file needs nothing beforehand. No retractions."""
    rng = random.Random(plan.seed)
    sources = {f"bench-party-{n}": _party(n, rng) for n in range(plan.parties)} | {
        f"bench-outlet-{n}": _outlet(n) for n in range(plan.outlets)
    }
    named: set[str] = set()

    def first_in_full(ref: Any) -> Any:
        if isinstance(ref, str) and ref in sources and ref not in named:
            named.add(ref)
            return sources[ref]
        return ref

    for item in _statements(plan, _events(plan, rng), rng):
        item["speaker"] = first_in_full(item["speaker"])
        for relay in item.get("via", []):
            relay["source"] = first_in_full(relay["source"])
        yield item


async def _create_sources(client: httpx.AsyncClient, plan: Plan, rng: random.Random) -> None:
    bodies = [_party(n, rng) for n in range(plan.parties)] + [
        _outlet(n) for n in range(plan.outlets)
    ]
    for body in bodies:
        response = await client.post("/v1/sources", json=body)
        if response.status_code not in (201, 409):
            raise RuntimeError(f"POST /v1/sources: {response.status_code} {response.text[:300]}")


def _progress(done: int, total: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    rate = done / elapsed if elapsed else 0.0
    print(f"\r  {done:,}/{total:,} statements, {rate:,.0f}/s", end="", file=sys.stderr, flush=True)


async def load(client: httpx.AsyncClient, plan: Plan, *, progress: bool = True) -> Loaded:
    """Create the plan's sources, submit its statements in batches, then retract 1 %."""
    rng = random.Random(plan.seed)
    await _create_sources(client, plan, rng)
    events = _events(plan, rng)
    loaded = Loaded(
        event_slugs=[event.slug for event in events],
        event_sizes={event.slug: event.size for event in events},
    )
    batch: list[dict[str, Any]] = []
    started = time.perf_counter()

    async def send() -> None:
        began = time.perf_counter()
        response = await client.post("/v1/statements/batch", json={"statements": batch})
        loaded.batch_seconds.append(time.perf_counter() - began)
        if response.status_code != 201:
            raise RuntimeError(f"batch: {response.status_code} {response.text[:500]}")
        loaded.statement_ids.extend(item["id"] for item in response.json()["statements"])
        batch.clear()
        if progress:
            _progress(len(loaded.statement_ids), plan.statements, started)

    for item in _statements(plan, events, rng):
        batch.append(item)
        if len(batch) == BATCH_SIZE:
            await send()
    if batch:
        await send()
    if progress:
        print(file=sys.stderr)
    retracted = rng.sample(
        loaded.statement_ids, k=int(len(loaded.statement_ids) * plan.retracted_share)
    )
    gate = asyncio.Semaphore(8)

    async def retract(statement_id: str) -> None:
        async with gate:
            response = await client.request(
                "DELETE", f"/v1/statements/{statement_id}", json={"reason": "Benchmark retraction."}
            )
            if response.status_code != 200:
                raise RuntimeError(f"retract: {response.status_code} {response.text[:300]}")

    await asyncio.gather(*(retract(statement_id) for statement_id in retracted))
    loaded.retracted = len(retracted)
    return loaded


def main() -> None:
    """Load generated statements into a running Claimline."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--single-event", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    plan = Plan(
        statements=arguments.statements, single_event=arguments.single_event, seed=arguments.seed
    )

    async def run() -> Loaded:
        async with httpx.AsyncClient(base_url=arguments.url, timeout=600) as client:
            return await load(client, plan)

    loaded = asyncio.run(run())
    print(
        f"{len(loaded.statement_ids):,} statements in {len(loaded.event_slugs):,} events, "
        f"{loaded.retracted:,} retracted; {loaded.statements_per_s:,.0f} statements/s in batches"
    )


if __name__ == "__main__":
    main()
