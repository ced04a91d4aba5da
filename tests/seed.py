"""The seed story (shared/seed/kremlin-rejects-claim.txt) as request bodies."""

from typing import Any

ELTON_JOHN: dict[str, Any] = {
    "name": "Elton John",
    "kind": "person",
    "aliases": ["Sir Elton John", "@eltonjohn"],
    "description": "British singer and gay rights advocate.",
    "homepage": "https://www.eltonjohn.com/",
}
KREMLIN: dict[str, Any] = {"name": "Kremlin", "kind": "government", "aliases": ["The Kremlin"]}
PESKOV: dict[str, Any] = {
    "name": "Dmitry Peskov",
    "kind": "person",
    "aliases": ["Peskov", "Дмитрий Песков"],
    "description": "Kremlin spokesman.",
}
TASS: dict[str, Any] = {
    "name": "TASS",
    "kind": "outlet",
    "description": "Russian state-run news agency.",
    "homepage": "https://tass.com/",
}
MOSCOW_TIMES: dict[str, Any] = {
    "name": "The Moscow Times",
    "kind": "outlet",
    "homepage": "https://www.themoscowtimes.com/",
}
SOURCES = [ELTON_JOHN, KREMLIN, PESKOV, TASS, MOSCOW_TIMES]

PHONE_CALL_EVENT: dict[str, Any] = {
    "title": "Kremlin rejects claim that Putin phoned Elton John",
    "description": "Elton John says Vladimir Putin phoned him; the Kremlin denies it.",
    "occurred_at": "2015-09-14T15:11:00Z",
    "tags": ["russia", "lgbt-rights"],
}
BBC_INTERVIEW_EVENT: dict[str, Any] = {
    "title": "Elton John wants to meet Putin to discuss gay rights",
    "occurred_at": "2015-09-12T12:00:00+01:00",
    "tags": ["lgbt-rights", "bbc"],
}

PHONE_CALL_CLAIM = "Putin phoned Elton John"
EVENT_SLUG = "putin-elton-john-call"
ELTON_JOHN_POST: dict[str, Any] = {
    "event": {"slug": EVENT_SLUG, "title": PHONE_CALL_EVENT["title"], "tags": ["russia"]},
    "speaker": {"name": "Elton John", "kind": "person"},
    "text": "Thank-you to President Vladimir Putin for reaching out and speaking via telephone "
    "with me today. I look forward to meeting with you face-to-face to discuss LGBT equality "
    "in Russia.",
    "said_at": "2015-09-14T08:11:00-07:00",
    "said_at_precision": "minute",
    "medium": "social_post",
    "url": "https://www.instagram.com/eltonjohn/",
    "language": "en",
    "claims": [{"claim": {"text": PHONE_CALL_CLAIM}, "stance": "supports"}],
}
PESKOV_DENIAL: dict[str, Any] = {
    "event": EVENT_SLUG,
    "speaker": {"name": "Dmitry Peskov", "kind": "person"},
    "on_behalf_of": {"name": "Kremlin", "kind": "government"},
    "text": "I can safely say that President Putin did not have a telephone conversation with "
    "Sir Elton John.",
    "said_at": "2015-09-15T09:00:00+03:00",
    "said_at_precision": "day",
    "medium": "interview",
    "via": [
        {"source": {"name": "TASS", "kind": "outlet"}},
        {
            "source": {"name": "The Moscow Times", "kind": "outlet"},
            "url": "https://www.themoscowtimes.com/2015/09/15/"
            "kremlin-rejects-claim-that-putin-phoned-elton-john-a49577",
            "published_at": "2015-09-15T12:00:00+03:00",
        },
    ],
    "claims": [
        {
            "claim": {"text": "putin phoned elton john."},
            "stance": "refutes",
            "quote": "President Putin did not have a telephone conversation with Sir Elton John",
        }
    ],
}
