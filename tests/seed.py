"""The seed story (shared/seed/kremlin-rejects-claim.txt) as request bodies."""

from typing import Any

from app.statements import schemas as examples

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
# The statements of the story are the OpenAPI examples; the event carries a tag here, and the
# denial names the claim in other case and punctuation, to exercise normalization.
ELTON_JOHN_POST: dict[str, Any] = {
    **examples.ELTON_JOHN_POST,
    "event": {**examples.ELTON_JOHN_POST["event"], "tags": ["russia"]},
}
PESKOV_DENIAL: dict[str, Any] = {
    **examples.PESKOV_DENIAL,
    "claims": [
        {**examples.PESKOV_DENIAL["claims"][0], "claim": {"text": "putin phoned elton john."}}
    ],
}
