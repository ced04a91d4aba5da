from enum import StrEnum


class ClaimStatus(StrEnum):
    ASSERTED = "asserted"
    CONTESTED = "contested"
    DENIED = "denied"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
