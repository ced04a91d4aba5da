from enum import StrEnum


class SimilarScope(StrEnum):
    ALL = "all"
    EVENT = "event"

    def __str__(self) -> str:
        return str(self.value)
