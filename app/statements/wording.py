"""How the words change on the way: a relay's drift from the wording before it, and its delay
(`../shared/CONTRACT.md`, "v1.1 additions"). No database."""

import unicodedata
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from app.kit.fields import aware


def wording(text: str) -> str:
    """Text as drift compares it: NFKC, case-folded, every run of whitespace one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def drift(quote: str, before: str) -> float:
    """1 minus the Ratcliff/Obershelp similarity of a hop's quote and the wording before it."""
    matcher = SequenceMatcher(None, wording(quote), wording(before), autojunk=False)
    return round(1 - matcher.ratio(), 3)


def delay_s(said_at: datetime | str, published_at: datetime | str | None) -> int | None:
    """Whole seconds from `said_at` to a hop's `published_at`, truncated toward zero."""
    if published_at is None:
        return None
    elapsed = aware(published_at) - aware(said_at)
    micros = (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds
    whole = abs(micros) // 1_000_000
    return whole if micros >= 0 else -whole


def with_wording(text: str, said_at: Any, relays: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each relay document (in order, nearest to the speaker first) given its `drift` and
    `delay_s`: the wording before a hop is the nearest earlier hop's quote, else `text`."""
    before = text
    for relay in relays:
        quote = relay["quote"]
        if quote is None:
            relay["drift"] = None
        else:
            relay["drift"] = drift(quote, before)
            before = quote
        relay["delay_s"] = delay_s(said_at, relay["published_at"])
    return relays
