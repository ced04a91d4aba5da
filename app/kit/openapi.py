"""What the OpenAPI document says beyond what FastAPI derives from the routes: problem+json
errors, the API key scheme, the headers of answers, and links from each created resource to the
operations that take it (for clients and for schemathesis' stateful runs)."""

from typing import Any

from app.errors import PROBLEM_MEDIA_TYPE
from app.kit.auth import SECURITY_SCHEME
from app.kit.routing import PATH_PARAMETER_MAX_LENGTH


def _problem_media_types(schema: dict[str, Any]) -> None:
    """Every error response is application/problem+json, not application/json, and FastAPI's own
    422 is the validation problem this app really sends."""
    validation_problem = {"$ref": "#/components/schemas/ValidationProblem"}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
                if status == "422":
                    content[PROBLEM_MEDIA_TYPE] = {"schema": validation_problem}
    schemas = schema.get("components", {}).get("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)


def _declare_api_keys(schema: dict[str, Any], auth: str) -> None:
    """The API keys the service in force asks for (`CLAIMLINE_AUTH`): under `writes` (the
    default) required to write and optional to read, under `all` required for every `/v1`
    operation, under `off` for none (a key sent is then ignored)."""
    schema.setdefault("components", {}).setdefault("securitySchemes", {})["ApiKey"] = (
        SECURITY_SCHEME
    )
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not path.startswith("/v1/") or auth == "off":
                operation["security"] = []  # the probes are open to all
                continue
            optional = method in ("get", "head") and auth == "writes"
            operation["security"] = [{}, {"ApiKey": []}] if optional else [{"ApiKey": []}]


_ETAG = {
    "description": "The representation's entity tag, for `If-None-Match` and `If-Match`.",
    "schema": {"type": "string"},
}
_LOCATION = {
    "description": "The created resource (for a batch, its first statement).",
    "schema": {"type": "string"},
}
_REQUEST_ID = {
    "description": "The request's id: the `X-Request-ID` sent, or one made for it.",
    "schema": {"type": "string"},
}
_RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "schema": {"type": "string"},
}
# The single resources: the operations that answer them with an ETag.
_TAGGED = {
    "read_statement",
    "read_event",
    "update_event",
    "read_claim",
    "read_source",
    "update_source",
}


def _declare_headers(schema: dict[str, Any]) -> None:
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                headers = response.setdefault("headers", {})
                headers["X-Request-ID"] = _REQUEST_ID
                if status == "201":
                    headers["Location"] = _LOCATION
                    if operation["operationId"] != "create_statements":
                        headers["ETag"] = _ETAG
                elif status == "200" and operation["operationId"] in _TAGGED:
                    headers["ETag"] = _ETAG
                elif status in ("429", "503"):
                    headers["Retry-After"] = _RETRY_AFTER


def _link(
    operation_id: str, description: str, *, if_match: bool = False, **parameters: str
) -> dict[str, Any]:
    if if_match:
        parameters["header.If-Match"] = "$response.header.ETag"
    return {"operationId": operation_id, "description": description, "parameters": parameters}


ID = "$response.body#/id"
EVENT_ID = "$response.body#/event_id"
# What each creating operation's 201 leads to.
_LINKS: dict[str, dict[str, dict[str, Any]]] = {
    "create_source": {
        "ReadSource": _link("read_source", "The source just created.", source=ID),
        "UpdateSource": _link("update_source", "Change the source.", source=ID, if_match=True),
        "ListItsStatements": _link(
            "list_statements", "What the source said, or said for it.", speaker=ID
        ),
    },
    "create_event": {
        "ReadEvent": _link("read_event", "The event just created.", event=ID),
        "UpdateEvent": _link("update_event", "Change the event.", event=ID, if_match=True),
        "CreateClaim": _link("create_claim", "Add a claim to the event.", event=ID),
        "ListClaims": _link("list_claims", "The event's claims.", event=ID),
        "ReadTimeline": _link("read_timeline", "The event's claim timeline.", event=ID),
        "ReadComparison": _link("read_comparison", "The event's comparison.", event=ID),
        "ListStatements": _link("list_statements", "The event's statements.", event=ID),
    },
    "create_claim": {
        "ReadClaim": _link("read_claim", "The claim just created.", claim=ID),
        "ReadClaimTimeline": _link(
            "read_timeline", "The statements on this claim.", event=EVENT_ID, claim=ID
        ),
        "ListStatements": _link("list_statements", "The statements on this claim.", claim=ID),
    },
    "create_statement": {
        "ReadStatement": _link("read_statement", "The statement just recorded.", statement=ID),
        "RetractStatement": _link("retract_statement", "Retract it.", statement=ID),
        "ReadTimeline": _link("read_timeline", "Its event's timeline.", event=EVENT_ID),
        "ReadComparison": _link("read_comparison", "Its event's comparison.", event=EVENT_ID),
        "ReadSpeaker": _link("read_source", "Who said it.", source="$response.body#/speaker/id"),
    },
    "create_statements": {
        "ReadFirstStatement": _link(
            "read_statement",
            "The first statement recorded.",
            statement="$response.body#/statements/0/id",
        ),
        "RetractFirstStatement": _link(
            "retract_statement", "Retract it.", statement="$response.body#/statements/0/id"
        ),
        "ReadTimeline": _link(
            "read_timeline",
            "The first statement's event's timeline.",
            event="$response.body#/statements/0/event_id",
        ),
    },
}


def _declare_links(schema: dict[str, Any]) -> None:
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            links = _LINKS.get(operation["operationId"])
            if links is not None:
                operation["responses"]["201"]["links"] = links


# Names for the request examples of each operation (the seed story), in the order its body
# model lists them.
_EXAMPLE_NAMES = {
    "create_statement": [
        ("elton-john", "Elton John says Putin phoned him"),
        (
            "kremlin-denies",
            "Peskov, for the Kremlin, denies it, relayed by TASS and The Moscow Times",
        ),
    ],
    "create_statements": [("seed-story", "Both statements of the seed story in one batch")],
    "create_source": [("elton-john", "A person")],
    "update_source": [("aliases", "Replace the aliases")],
    "create_event": [("kremlin-rejects-claim", "The seed story's event")],
    "update_event": [("tags", "Replace the tags")],
    "create_claim": [("phone-call", "The claim of the seed story")],
    "retract_statement": [("misattributed", "Why the statement is withdrawn")],
}


def _declare_request_examples(schema: dict[str, Any]) -> None:
    """The body models' examples as named examples of each operation's request body, where
    documentation tools and generators look for them."""
    components = schema.get("components", {}).get("schemas", {})
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            names = _EXAMPLE_NAMES.get(operation["operationId"])
            media = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if names is None or media is None:
                continue
            model = components[media["schema"]["$ref"].rsplit("/", 1)[1]]
            media["examples"] = {
                name: {"summary": summary, "value": value}
                for (name, summary), value in zip(names, model["examples"], strict=True)
            }


def _parameters_without_null(schema: dict[str, Any]) -> None:
    """A query or header parameter is absent or a string: `null` is no value it can take (an
    optional one is `required: false`), so the `null` FastAPI adds for `X | None` goes."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                options = parameter["schema"].get("anyOf")
                if options is None:
                    continue
                kept = [option for option in options if option.get("type") != "null"]
                if len(kept) == 1:
                    del parameter["schema"]["anyOf"]
                    parameter["schema"].update(kept[0])
                else:
                    parameter["schema"]["anyOf"] = kept


def _json_ld_only(schema: dict[str, Any]) -> None:
    """A JSON-LD answer is only `application/ld+json`: FastAPI also lists an empty
    `application/json` for the response class."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            if "application/ld+json" in content and content.get("application/json") == {
                "schema": {}
            }:
                del content["application/json"]


def _bounded_path_parameters(schema: dict[str, Any]) -> None:
    """A path names a resource by id (36 characters) or slug (at most 80): longer is a 404."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    parameter["schema"]["maxLength"] = PATH_PARAMETER_MAX_LENGTH


def finish(schema: dict[str, Any], auth: str = "writes") -> dict[str, Any]:
    """The document FastAPI made, completed, for the authentication in force."""
    # Paths are relative to wherever the document was served from.
    schema["servers"] = [{"url": "/", "description": "The server that serves this document."}]
    _problem_media_types(schema)
    _declare_api_keys(schema, auth)
    _declare_headers(schema)
    _declare_links(schema)
    _declare_request_examples(schema)
    _parameters_without_null(schema)
    _bounded_path_parameters(schema)
    _json_ld_only(schema)
    return schema
