"""Text keys for matching what people type: names, aliases, tags and search terms."""

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


_TRAILING_PUNCTUATION = re.compile(r"[.!?]+$")


@lru_cache(maxsize=8192)
def claim_key(text: str) -> str:
    """A claim's normalized text: folded as above, then any trailing run of `.`, `!`, `?` removed.

    Two claims of one event with the same key are the same claim.
    """
    return _TRAILING_PUNCTUATION.sub("", fold(text)).rstrip()
