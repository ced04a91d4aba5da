from enum import StrEnum


class StanceKind(StrEnum):
    NEUTRAL = "neutral"
    QUESTIONS = "questions"
    REFUTES = "refutes"
    SUPPORTS = "supports"

    def __str__(self) -> str:
        return str(self.value)
