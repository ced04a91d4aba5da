from enum import StrEnum


class StreamEventResponse200Event(StrEnum):
    OPEN = "open"
    RECORDED = "recorded"
    RETRACTED = "retracted"

    def __str__(self) -> str:
        return str(self.value)
