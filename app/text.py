"""Text keys for matching what people type: names, aliases, tags and search terms."""

import hashlib
import re
import unicodedata
from functools import lru_cache

# Zero-width characters that NFKC keeps but that should not tell two names apart.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WHITESPACE_RUN = re.compile(r"\s+")


# A batch folds the same few hundred names and claim texts thousands of times.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """NFKC, case-folded, invisible characters dropped, whitespace runs one space, ends trimmed."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _WHITESPACE_RUN.sub(" ", folded).strip()


def like_pattern(term: str) -> str:
    """A LIKE pattern (escape character `\\`) matching text that contains the folded term."""
    escaped = fold(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_TRAILING_PUNCTUATION = re.compile(r"[.!?]+\Z")
# Text whose claim key is empty: spaces and invisible characters around a run of characters that
# fold to `.`, `!` or `?` (such as U+2026 or U+FF1F); the tests check it over all of Unicode.
# Written for JSON Schema too, so it keeps to what ECMAScript, Python and Rust read alike.
_FOLDS_TO_SPACE = (
    r"\t-\r\x1c- \x85\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
_INVISIBLE_CHARACTERS = r"\u200b-\u200d\u2060\ufeff"
_FOLDS_TO_STOPS = (
    r"!.?\u2024-\u2026\u203c\u2047-\u2049\ufe15\ufe16\ufe19\ufe30\ufe52\ufe56\ufe57"
    r"\uff01\uff0e\uff1f"
)
EMPTY_CLAIM_KEY_PATTERN = (
    rf"^[{_FOLDS_TO_SPACE}]*[{_FOLDS_TO_STOPS}{_INVISIBLE_CHARACTERS}]*[{_FOLDS_TO_SPACE}]*$"
)


@lru_cache(maxsize=8192)
def claim_key(text: str) -> str:
    """A claim's normalized text, step by step as the contract lists them: NFKC, case-folded,
    whitespace runs one space, ends trimmed, then any trailing run of `.`, `!`, `?` removed
    (so `"Putin phoned Elton John ."` keeps the space before its removed stop).

    Two claims of one event with the same key are the same claim.
    """
    return _TRAILING_PUNCTUATION.sub("", fold(text))


@lru_cache(maxsize=8192)
def text_hash(text: str) -> str:
    """The key a claim is unique on within its event: SHA-256 of its normalized text."""
    return hashlib.sha256(claim_key(text).encode()).hexdigest()
