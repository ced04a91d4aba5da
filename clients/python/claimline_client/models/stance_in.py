from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stance_kind import StanceKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inline_claim import InlineClaim


T = TypeVar("T", bound="StanceIn")


@_attrs_define
class StanceIn:
    """The statement's stance on one claim.

    Attributes:
        claim (InlineClaim | str): A claim id of the statement's event, or `{text}`.
        stance (StanceKind): The attitude a statement takes towards a claim.
        quote (None | str | Unset):
    """

    claim: InlineClaim | str
    stance: StanceKind
    quote: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.inline_claim import InlineClaim  # noqa: PLC0415

        claim: dict[str, Any] | str
        if isinstance(self.claim, InlineClaim):
            claim = self.claim.to_dict()
        else:
            claim = self.claim

        stance = self.stance.value

        quote: None | str | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claim": claim,
                "stance": stance,
            }
        )
        if quote is not UNSET:
            field_dict["quote"] = quote

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inline_claim import InlineClaim  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_claim(data: object) -> InlineClaim | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                claim_type_1 = InlineClaim.from_dict(data)

                return claim_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InlineClaim | str, data)

        claim = _parse_claim(d.pop("claim"))

        stance = StanceKind(d.pop("stance"))

        def _parse_quote(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        stance_in = cls(
            claim=claim,
            stance=stance,
            quote=quote,
        )

        return stance_in
