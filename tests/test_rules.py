"""Rules that need no database: text keys, slugs, ids, cursors and entity tags."""

import os
import uuid
from datetime import UTC, datetime

import pytest

from app.claims.rules import StanceInTimeline, replay, status_from_sides
from app.comparisons.rules import Position, agreement
from app.errors import BadRequest, PreconditionFailed
from app.kit.etags import etag_of_document, none_match, require_match
from app.kit.fields import looks_like_uuid
from app.kit.ids import new_id
from app.kit.pagination import decode_cursor, decode_id_cursor, encode_cursor
from app.kit.slugs import derive_slug
from app.models import ClaimStatus, StanceKind
from app.text import claim_key, fold, like_pattern


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Elton John", "elton john"),
        ("  ELTON\u00a0\tJOHN \n", "elton john"),
        ("Sir\u200bElton", "sirelton"),
        ("Дмитрий Песков", "дмитрий песков"),
        ("Straße", "strasse"),
        ("ＴＡＳＳ", "tass"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("100%_\\") == "%100\\%\\_\\\\%"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Kremlin Rejects Claim That Putin Phoned Elton John",
            "kremlin-rejects-claim-that-putin-phoned-elton-john",
        ),
        ("The Moscow Times", "the-moscow-times"),
        ("Дмитрий Песков", "dmitriy-peskov"),
        ("@eltonjohn", "eltonjohn"),
        ("Café — Übersee", "cafe-ubersee"),
        ("¿¡!?", "source"),
        ("x" * 100, "x" * 80),
        ("deadbeefdeadbeefdeadbeefdeadbeef", "source-deadbeefdeadbeefdeadbeefdeadbeef"),
    ],
)
def test_derive_slug(text: str, slug: str) -> None:
    assert derive_slug(text, fallback="source") == slug


def test_long_slug_is_cut_at_80_without_a_trailing_hyphen() -> None:
    slug = derive_slug("word " * 40, fallback="event")
    assert len(slug) <= 80
    assert not slug.endswith("-")


def test_ids_are_uuid7_and_increase() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert all(value.version == 7 and value.variant == uuid.RFC_4122 for value in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert looks_like_uuid(str(ids[0]))


def test_a_forked_child_draws_other_ids() -> None:
    """The random bits are drawn from the OS a page at a time; a child forked with part of a
    page left must not draw the same ids as its parent."""
    new_id()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.write(writer, new_id().bytes)
        os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    theirs = os.read(reader, 16)
    os.close(reader)
    assert new_id().bytes[6:] != theirs[6:]


def test_cursor_round_trip_and_refusals() -> None:
    value = new_id()
    assert decode_id_cursor("sources", encode_cursor("sources", [value.hex])) == value
    with pytest.raises(BadRequest):
        decode_id_cursor("events", encode_cursor("sources", [value.hex]))
    with pytest.raises(BadRequest):
        decode_id_cursor("sources", encode_cursor("sources", ["not-hex"]))
    with pytest.raises(BadRequest):
        decode_cursor("timeline", encode_cursor("timeline", ["a"]), 2)
    for bad in ["", "x", "bm90IGpzb24", "eyJrIjoic291cmNlcyJ9"]:
        with pytest.raises(BadRequest):
            decode_id_cursor("sources", bad)


def test_etags() -> None:
    etag = etag_of_document({"name": "TASS"})
    assert etag == etag_of_document({"name": "TASS"}) != etag_of_document({"name": "ТАСС"})
    assert none_match(etag, etag)
    assert none_match(f'W/{etag}, "9"', etag)
    assert none_match("*", etag)
    assert not none_match('"4"', etag)
    assert not none_match(None, etag)
    require_match(None, etag)
    require_match(etag, etag)
    require_match("*", etag)
    with pytest.raises(PreconditionFailed):
        require_match('"2"', etag)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Putin phoned Elton John.", "putin phoned elton john"),
        ("  Putin\u00a0 phoned\tElton\u2003John?!... ", "putin phoned elton john"),
        ("Putin\u200b phoned Elton John", "putin phoned elton john"),
        ("ＰＵＴＩＮ phoned", "putin phoned"),
        ("Путин позвонил Элтону Джону!", "путин позвонил элтону джону"),
        ("Did Putin call? Yes.", "did putin call? yes"),
        ("Mr. Putin called", "mr. putin called"),
        ("?!", ""),
        ("Putin phoned Elton John .", "putin phoned elton john "),
        ("\u2026\uff1f\u200b ", ""),
    ],
)
def test_claim_key(text: str, key: str) -> None:
    assert claim_key(text) == key


S, R, Q, N = StanceKind.supports, StanceKind.refutes, StanceKind.questions, StanceKind.neutral


@pytest.mark.parametrize(
    ("sides", "status"),
    [
        ([], ClaimStatus.open),
        ([Q, N], ClaimStatus.open),
        ([S], ClaimStatus.asserted),
        ([S, S, N], ClaimStatus.asserted),
        ([R], ClaimStatus.denied),
        ([S, R], ClaimStatus.contested),
    ],
)
def test_status_from_sides(sides: list[StanceKind], status: ClaimStatus) -> None:
    assert status_from_sides(sides) == status


def _timeline(*items: tuple[str, StanceKind, bool]) -> list[StanceInTimeline]:
    return [StanceInTimeline(party=p, stance=s, retracted=r) for p, s, r in items]


def test_replay_marks_first_mentions_reversals_and_statuses() -> None:
    derived, state = replay(
        _timeline(
            ("tass", Q, True),  # retracted: counts for nothing, not even as a first mention
            ("elton", N, False),
            ("elton", S, False),
            ("kremlin", R, False),
            ("elton", R, False),
            ("kremlin", R, True),
            ("kremlin", S, False),
        )
    )
    assert [(d.first_mention, d.reversal, d.status_after) for d in derived] == [
        (False, False, ClaimStatus.open),
        (True, False, ClaimStatus.open),
        (False, False, ClaimStatus.asserted),
        (False, False, ClaimStatus.contested),
        (False, True, ClaimStatus.denied),
        (False, False, ClaimStatus.denied),
        (False, True, ClaimStatus.contested),
    ]
    assert state.status is ClaimStatus.contested
    assert state.sides == {"elton": R, "kremlin": S}
    assert state.positions == {"elton": R, "kremlin": S}


def test_replay_continues_from_a_stored_state() -> None:
    whole, _ = replay(_timeline(("elton", S, False), ("kremlin", R, False), ("elton", R, False)))
    _, middle = replay(_timeline(("elton", S, False), ("kremlin", R, False)))
    tail, end = replay(_timeline(("elton", R, False)), middle)
    assert tail == whole[2:]
    assert end.status is ClaimStatus.denied


def test_position_since_moves_only_on_a_new_stance_and_side_on_a_new_side() -> None:
    t0, t1, t2, t3 = (datetime(2015, 9, 14, hour, tzinfo=UTC) for hour in range(4))
    position = Position.first(S, "a", t0)
    position.update(S, "b", t1)
    assert (position.statement_id, position.since) == ("a", t0)
    position.update(N, "c", t2)
    assert (position.stance, position.statement_id, position.since) == (N, "c", t2)
    assert (position.side, position.side_statement_id, position.side_since) == (S, "a", t0)
    assert not position.changed
    position.update(R, "d", t3)
    assert (position.side, position.side_statement_id) == (R, "d")
    assert position.changed


def test_agreement_counts_only_claims_both_took_sides_on() -> None:
    assert agreement({"call": S, "meeting": R}, {"call": S, "meeting": S, "prank": R}) == (2, 1, 1)
    assert agreement({"call": S}, {"prank": R}) == (0, 0, 0)
