"""Response bodies of provenance: threads."""

from typing import Annotated

from pydantic import BaseModel, Field

from app.timelines.schemas import TimelineItem


class Thread(BaseModel):
    """A statement with the chain it answers and every statement answering it."""

    ancestors: Annotated[
        list[TimelineItem], Field(description="The statements it answers, root first.")
    ]
    statement: TimelineItem
    answers: Annotated[
        list[TimelineItem],
        Field(description="Every statement answering it, directly or not, in timeline order."),
    ]
