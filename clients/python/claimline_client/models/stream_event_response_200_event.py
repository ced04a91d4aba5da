from enum import StrEnum


class StreamEventResponse200Event(StrEnum):
    CLAIM_CREATED = "claim_created"
    EVENT_UPDATED = "event_updated"
    READY = "ready"
    RECORDED = "recorded"
    RELOAD = "reload"
    RETRACTED = "retracted"
    REVIEW_ADDED = "review_added"

    def __str__(self) -> str:
        return str(self.value)
