"""An event as W3C PROV-JSON: sources as agents, statements, their relayed copies and the
claims as entities, and the relations between them (contract v1.1, "Provenance as W3C PROV").

Identifiers use the prefix `cl` = `urn:claimline:`: agents `cl:source-{id}`, statements
`cl:statement-{id}`, relayed copies `cl:copy-{statement id}-{hop}` (hop 1 the nearest relay to
the speaker), claims `cl:claim-{id}`. Relations are blank nodes `_:r{n}` in the order written.
"""

from collections.abc import AsyncIterator
from typing import Any

from app.kit.fields import to_rfc3339
from app.kit.reader import Reader
from app.statements.chunks import Chunk, SourceRow, event_statements

PREFIX = {"cl": "urn:claimline:"}
PROV_MEDIA_TYPE = "application/json"
_RELATIONS = (
    "wasGeneratedBy",
    "wasAttributedTo",
    "actedOnBehalfOf",
    "wasDerivedFrom",
    "wasInvalidatedBy",
    "wasInfluencedBy",
)


def _name(kind: str) -> dict[str, str]:
    """A qualified name as a PROV-JSON value."""
    return {"$": kind, "type": "prov:QUALIFIED_NAME"}


def _time(value: Any) -> dict[str, str]:
    return {"$": to_rfc3339(value), "type": "xsd:dateTime"}


class _Document:
    """A PROV-JSON document being written."""

    def __init__(self) -> None:
        self.body: dict[str, Any] = {
            "prefix": PREFIX,
            "agent": {},
            "entity": {},
            **{relation: {} for relation in _RELATIONS},
        }
        self._count = 0
        self._delegations: set[tuple[str, str]] = set()

    def relation(self, kind: str, **attributes: Any) -> None:
        self._count += 1
        self.body[kind][f"_:r{self._count}"] = attributes

    def agent(self, source: SourceRow) -> str:
        key = f"cl:source-{source.id}"
        self.body["agent"].setdefault(
            key,
            {
                "prov:label": source.name,
                "cl:slug": source.slug,
                "cl:kind": source.kind,
                **({"cl:homepage": source.homepage} if source.homepage else {}),
            },
        )
        return key

    def delegation(self, speaker: str, party: str) -> None:
        if (speaker, party) not in self._delegations:
            self._delegations.add((speaker, party))
            self.relation(
                "actedOnBehalfOf", **{"prov:delegate": speaker, "prov:responsible": party}
            )

    def add(self, chunk: Chunk) -> None:
        """Write a chunk of the event's statements."""
        for statement in chunk.statements:
            key = f"cl:statement-{statement.id}"
            speaker = self.agent(chunk.sources[statement.speaker_id])
            attributes: dict[str, Any] = {
                "prov:label": statement.text,
                "prov:type": _name("cl:Statement"),
                "cl:medium": statement.medium,
                "cl:said_at_precision": statement.said_at_precision,
                "cl:recorded_at": _time(statement.recorded_at),
            }
            for field in ("url", "archive_url", "language"):
                value = getattr(statement, field)
                if value is not None:
                    attributes[f"cl:{field}"] = value
            self.body["entity"][key] = attributes
            self.relation(
                "wasGeneratedBy", **{"prov:entity": key, "prov:time": _time(statement.said_at)}
            )
            self.relation("wasAttributedTo", **{"prov:entity": key, "prov:agent": speaker})
            if statement.on_behalf_of_id is not None:
                party = self.agent(chunk.sources[statement.on_behalf_of_id])
                self.delegation(speaker, party)
            before = key
            for hop, relay in enumerate(chunk.relays.get(statement.id, []), start=1):
                copy = f"cl:copy-{statement.id}-{hop}"
                copied: dict[str, Any] = {"prov:type": _name("cl:RelayedCopy")}
                for field in ("quote", "url", "archive_url"):
                    value = getattr(relay, field)
                    if value is not None:
                        copied[f"cl:{field}"] = value
                self.body["entity"][copy] = copied
                if relay.published_at is not None:
                    self.relation(
                        "wasGeneratedBy",
                        **{"prov:entity": copy, "prov:time": _time(relay.published_at)},
                    )
                self.relation(
                    "wasAttributedTo",
                    **{
                        "prov:entity": copy,
                        "prov:agent": self.agent(chunk.sources[relay.source_id]),
                    },
                )
                self.relation(
                    "wasDerivedFrom",
                    **{
                        "prov:generatedEntity": copy,
                        "prov:usedEntity": before,
                        "prov:type": _name("prov:Quotation"),
                    },
                )
                before = copy
            for based_on_id in chunk.bases.get(statement.id, []):
                self.relation(
                    "wasDerivedFrom",
                    **{
                        "prov:generatedEntity": key,
                        "prov:usedEntity": f"cl:statement-{based_on_id}",
                    },
                )
            if statement.responds_to_id is not None:
                self.relation(
                    "wasInfluencedBy",
                    **{
                        "prov:influencee": key,
                        "prov:influencer": f"cl:statement-{statement.responds_to_id}",
                        "prov:type": _name("cl:Answer"),
                    },
                )
            for stance in chunk.stances.get(statement.id, []):
                claim = f"cl:claim-{stance.claim_id}"
                self.body["entity"].setdefault(
                    claim, {"prov:label": stance.claim_text, "prov:type": _name("cl:Claim")}
                )
                self.relation(
                    "wasInfluencedBy",
                    **{
                        "prov:influencee": claim,
                        "prov:influencer": key,
                        "prov:type": _name("cl:Stance"),
                        "cl:stance": stance.stance,
                    },
                )
            if statement.retracted_at is not None:
                self.relation(
                    "wasInvalidatedBy",
                    **{
                        "prov:entity": key,
                        "prov:time": _time(statement.retracted_at),
                        "cl:reason": statement.retraction_reason,
                    },
                )


async def provenance(reader: Reader, event_id: str) -> dict[str, Any]:
    """The event's statements, retracted ones included, as a PROV-JSON document."""
    document = _Document()
    chunks: AsyncIterator[Chunk] = event_statements(reader, event_id, include_retracted=True)
    async for chunk in chunks:
        document.add(chunk)
    return {key: value for key, value in document.body.items() if value}
