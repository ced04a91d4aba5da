from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    HOUR = "hour"
    MINUTE = "minute"
    MONTH = "month"
    SECOND = "second"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
