from enum import StrEnum


class Medium(StrEnum):
    DOCUMENT = "document"
    INTERVIEW = "interview"
    NEWS_REPORT = "news_report"
    OTHER = "other"
    PRESS_RELEASE = "press_release"
    SOCIAL_POST = "social_post"
    SPEECH = "speech"

    def __str__(self) -> str:
        return str(self.value)
