from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.claim_out import ClaimOut
    from ..models.event_summary import EventSummary


T = TypeVar("T", bound="SimilarClaim")


@_attrs_define
class SimilarClaim:
    """A claim found under other words, with its event and its score.

    Attributes:
        claim (ClaimOut): A claim, with its status from the sides the parties have taken on it.
        event (EventSummary): The event a claim belongs to.
        score (float): The trigram similarity of the normalized texts, as PostgreSQL's `pg_trgm` `similarity()` defines
            it (shared ÷ all distinct trigrams), 6 decimals.
    """

    claim: ClaimOut
    event: EventSummary
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim = self.claim.to_dict()

        event = self.event.to_dict()

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim": claim,
                "event": event,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.claim_out import ClaimOut  # noqa: PLC0415
        from ..models.event_summary import EventSummary  # noqa: PLC0415

        d = dict(src_dict)
        claim = ClaimOut.from_dict(d.pop("claim"))

        event = EventSummary.from_dict(d.pop("event"))

        score = d.pop("score")

        similar_claim = cls(
            claim=claim,
            event=event,
            score=score,
        )

        similar_claim.additional_properties = d
        return similar_claim

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
