"""Headers every answer carries, and CORS for the frontend apps the settings allow."""

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages that load Swagger UI or ReDoc from their CDN: they get no Content-Security-Policy.
_DOCUMENTATION_PATHS = ("/docs", "/redoc")
_ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# An API answer is data, never a page: it may load nothing and be framed by no one.
_API_POLICY = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

# What browsers may send and read across origins.
CORS_METHODS = ["GET", "HEAD", "POST", "PATCH", "DELETE"]
CORS_REQUEST_HEADERS = [
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
]
CORS_EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "X-Request-ID", "WWW-Authenticate"]


class SecurityHeadersMiddleware:
    """Adds the security headers to every answer that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # Every combination, built once: (documentation page?, over HTTPS?) -> headers.
        self.sets = {
            (page, secure): [
                *_ALWAYS,
                *([] if page else [_API_POLICY]),
                *([_HSTS] if secure else []),
            ]
            for page in (False, True)
            for secure in (False, True)
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = scope["path"].startswith(_DOCUMENTATION_PATHS)
        extra = self.sets[page, scope.get("scheme") == "https"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(header for header in extra if header[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def cors_options(origins: list[str]) -> dict[str, Any]:
    """Starlette's CORS middleware options for these origins (preflight included)."""
    return {
        "allow_origins": origins,
        "allow_methods": CORS_METHODS,
        "allow_headers": CORS_REQUEST_HEADERS,
        "expose_headers": CORS_EXPOSED_HEADERS,
        "max_age": 600,
    }
