"""The vocabulary of the domain: the enums that rules, schemas and tables all take, free of the
database (stored as strings limited by CHECK constraints, see `app.kit.db.enum_column`)."""

import enum


class Scope(enum.StrEnum):
    """What a key may do: `read` the API, also `write` to it, or everything (`admin`)."""

    read = "read"
    write = "write"
    admin = "admin"


class SimilarScope(enum.StrEnum):
    """Where similar claims are looked for: the claim's `event`, or `all` events."""

    event = "event"
    all = "all"


class StanceKind(enum.StrEnum):
    """The attitude a statement takes towards a claim."""

    supports = "supports"
    refutes = "refutes"
    questions = "questions"
    neutral = "neutral"


class ClaimStatus(enum.StrEnum):
    """Where a claim stands, from the sides the parties have taken on it."""

    open = "open"
    asserted = "asserted"
    denied = "denied"
    contested = "contested"


class Change(enum.StrEnum):
    """What changed in an event: a statement recorded or retracted, the event's details
    updated, a claim created, a review added; or, for every event at once, a source updated or
    the derived values rebuilt."""

    recorded = "recorded"
    retracted = "retracted"
    event_updated = "event_updated"
    claim_created = "claim_created"
    source_updated = "source_updated"
    rebuilt = "rebuilt"
    review_added = "review_added"


class SourceKind(enum.StrEnum):
    """What kind of thing a source is."""

    person = "person"
    organization = "organization"
    outlet = "outlet"
    government = "government"
    social_account = "social_account"
    other = "other"


class Precision(enum.StrEnum):
    """How precisely `said_at` is known."""

    second = "second"
    minute = "minute"
    hour = "hour"
    day = "day"
    month = "month"
    year = "year"


class Medium(enum.StrEnum):
    """Through what a statement was made."""

    social_post = "social_post"
    interview = "interview"
    press_release = "press_release"
    news_report = "news_report"
    speech = "speech"
    document = "document"
    other = "other"
