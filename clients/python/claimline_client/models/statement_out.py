from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.medium import Medium
from ..models.precision import Precision

if TYPE_CHECKING:
    from ..models.relay_out import RelayOut
    from ..models.source_summary import SourceSummary
    from ..models.stance_out import StanceOut


T = TypeVar("T", bound="StatementOut")


@_attrs_define
class StatementOut:
    """A recorded statement.

    Attributes:
        id (UUID):
        event_id (UUID):
        speaker (SourceSummary): How a source appears inside other resources.
        on_behalf_of (None | SourceSummary):
        text (str):
        said_at (datetime.datetime):
        said_at_precision (Precision): How precisely `said_at` is known.
        medium (Medium): Through what a statement was made.
        url (None | str):
        archive_url (None | str):
        language (None | str):
        responds_to (None | UUID):
        based_on (list[UUID]):
        via (list[RelayOut]):
        stances (list[StanceOut]):
        recorded_at (datetime.datetime):
        retracted_at (datetime.datetime | None):
        retraction_reason (None | str):
    """

    id: UUID
    event_id: UUID
    speaker: SourceSummary
    on_behalf_of: None | SourceSummary
    text: str
    said_at: datetime.datetime
    said_at_precision: Precision
    medium: Medium
    url: None | str
    archive_url: None | str
    language: None | str
    responds_to: None | UUID
    based_on: list[UUID]
    via: list[RelayOut]
    stances: list[StanceOut]
    recorded_at: datetime.datetime
    retracted_at: datetime.datetime | None
    retraction_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        id = str(self.id)

        event_id = str(self.event_id)

        speaker = self.speaker.to_dict()

        on_behalf_of: dict[str, Any] | None
        if isinstance(self.on_behalf_of, SourceSummary):
            on_behalf_of = self.on_behalf_of.to_dict()
        else:
            on_behalf_of = self.on_behalf_of

        text = self.text

        said_at = self.said_at.isoformat()

        said_at_precision = self.said_at_precision.value

        medium = self.medium.value

        url: None | str
        url = self.url

        archive_url: None | str
        archive_url = self.archive_url

        language: None | str
        language = self.language

        responds_to: None | str
        if isinstance(self.responds_to, UUID):
            responds_to = str(self.responds_to)
        else:
            responds_to = self.responds_to

        based_on = []
        for based_on_item_data in self.based_on:
            based_on_item = str(based_on_item_data)
            based_on.append(based_on_item)

        via = []
        for via_item_data in self.via:
            via_item = via_item_data.to_dict()
            via.append(via_item)

        stances = []
        for stances_item_data in self.stances:
            stances_item = stances_item_data.to_dict()
            stances.append(stances_item)

        recorded_at = self.recorded_at.isoformat()

        retracted_at: None | str
        if isinstance(self.retracted_at, datetime.datetime):
            retracted_at = self.retracted_at.isoformat()
        else:
            retracted_at = self.retracted_at

        retraction_reason: None | str
        retraction_reason = self.retraction_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event_id": event_id,
                "speaker": speaker,
                "on_behalf_of": on_behalf_of,
                "text": text,
                "said_at": said_at,
                "said_at_precision": said_at_precision,
                "medium": medium,
                "url": url,
                "archive_url": archive_url,
                "language": language,
                "responds_to": responds_to,
                "based_on": based_on,
                "via": via,
                "stances": stances,
                "recorded_at": recorded_at,
                "retracted_at": retracted_at,
                "retraction_reason": retraction_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.relay_out import RelayOut  # noqa: PLC0415
        from ..models.source_summary import SourceSummary  # noqa: PLC0415
        from ..models.stance_out import StanceOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        event_id = UUID(d.pop("event_id"))

        speaker = SourceSummary.from_dict(d.pop("speaker"))

        def _parse_on_behalf_of(data: object) -> None | SourceSummary:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                on_behalf_of_type_0 = SourceSummary.from_dict(data)

                return on_behalf_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SourceSummary, data)

        on_behalf_of = _parse_on_behalf_of(d.pop("on_behalf_of"))

        text = d.pop("text")

        said_at = datetime.datetime.fromisoformat(d.pop("said_at"))

        said_at_precision = Precision(d.pop("said_at_precision"))

        medium = Medium(d.pop("medium"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        def _parse_archive_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        archive_url = _parse_archive_url(d.pop("archive_url"))

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        def _parse_responds_to(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responds_to_type_0 = UUID(data)

                return responds_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        responds_to = _parse_responds_to(d.pop("responds_to"))

        based_on = []
        _based_on = d.pop("based_on")
        for based_on_item_data in _based_on:
            based_on_item = UUID(based_on_item_data)

            based_on.append(based_on_item)

        via = []
        _via = d.pop("via")
        for via_item_data in _via:
            via_item = RelayOut.from_dict(via_item_data)

            via.append(via_item)

        stances = []
        _stances = d.pop("stances")
        for stances_item_data in _stances:
            stances_item = StanceOut.from_dict(stances_item_data)

            stances.append(stances_item)

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_retracted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retracted_at_type_0 = datetime.datetime.fromisoformat(data)

                return retracted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        retracted_at = _parse_retracted_at(d.pop("retracted_at"))

        def _parse_retraction_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        retraction_reason = _parse_retraction_reason(d.pop("retraction_reason"))

        statement_out = cls(
            id=id,
            event_id=event_id,
            speaker=speaker,
            on_behalf_of=on_behalf_of,
            text=text,
            said_at=said_at,
            said_at_precision=said_at_precision,
            medium=medium,
            url=url,
            archive_url=archive_url,
            language=language,
            responds_to=responds_to,
            based_on=based_on,
            via=via,
            stances=stances,
            recorded_at=recorded_at,
            retracted_at=retracted_at,
            retraction_reason=retraction_reason,
        )

        statement_out.additional_properties = d
        return statement_out

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
