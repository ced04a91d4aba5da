from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReviewMention")


@_attrs_define
class ReviewMention:
    """A review as the comparison shows it beside its claim.

    Attributes:
        review_id (UUID):
        reviewer_id (UUID):
        rating (str):
        url (str):
        published_at (datetime.datetime):
    """

    review_id: UUID
    reviewer_id: UUID
    rating: str
    url: str
    published_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        review_id = str(self.review_id)

        reviewer_id = str(self.reviewer_id)

        rating = self.rating

        url = self.url

        published_at = self.published_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "review_id": review_id,
                "reviewer_id": reviewer_id,
                "rating": rating,
                "url": url,
                "published_at": published_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        review_id = UUID(d.pop("review_id"))

        reviewer_id = UUID(d.pop("reviewer_id"))

        rating = d.pop("rating")

        url = d.pop("url")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        review_mention = cls(
            review_id=review_id,
            reviewer_id=reviewer_id,
            rating=rating,
            url=url,
            published_at=published_at,
        )

        review_mention.additional_properties = d
        return review_mention

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
