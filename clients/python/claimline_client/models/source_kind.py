from enum import StrEnum


class SourceKind(StrEnum):
    GOVERNMENT = "government"
    ORGANIZATION = "organization"
    OTHER = "other"
    OUTLET = "outlet"
    PERSON = "person"
    SOCIAL_ACCOUNT = "social_account"

    def __str__(self) -> str:
        return str(self.value)
