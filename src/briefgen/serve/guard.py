"""Safe on a shared PC: the token on every request, Host and Origin checked, strict headers.

The browser is opened at ``/?token=…``; the token is then kept in a cookie only this address
sends (HttpOnly, SameSite=Strict) and the address bar loses it. A request without the token,
for another host name (DNS rebinding) or posted from another site is refused before any page
code runs. Every answer forbids inline script, framing and sniffing.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

COOKIE = "briefgen_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
SAFE_METHODS = ("GET", "HEAD")
#: The largest request taken: an upload's bound and a little for the form around it.
MAX_BODY = 26 * 1024 * 1024


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Guard(BaseHTTPMiddleware):
    """Refuses what did not come from the officer's own page at this address."""

    def __init__(self, app: ASGIApp, token: str, hosts: tuple[str, ...]):
        super().__init__(app)
        self.token = token
        self.hosts = hosts
        self.origins = tuple(f"http://{host}" for host in hosts)

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = self.refusal(request)
        if response is None:
            given = request.query_params.get("token")
            if given is not None and request.method in SAFE_METHODS:
                # the address the browser was opened at: keep the token, drop it from view
                query = urlencode(
                    [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                )
                response = RedirectResponse(
                    request.url.path + ("?" + query if query else ""), status_code=303
                )
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path="/")
            else:
                response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            return _refuse(400, "This server answers only at the address briefgen serve printed.")
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            site = request.headers.get("sec-fetch-site")
            if (origin is not None and origin not in self.origins) or site == "cross-site":
                return _refuse(403, "Refused: this form was not sent from briefgen's own pages.")
        given = request.cookies.get(COOKIE) or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return _refuse(
                403,
                "This page needs the address briefgen serve printed, with its "
                "token (…/?token=…). Open that address again.",
            )
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return _refuse(413, f"Refused: larger than {MAX_BODY // 2**20} MB.")
        return None


def _refuse(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status)
