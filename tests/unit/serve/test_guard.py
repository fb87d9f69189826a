"""serve/guard.py: the token, the Host and Origin checks, the bound on a request's size and the
headers on every answer, in front of a small application that records what reached it."""

from __future__ import annotations

import warnings

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

with warnings.catch_warnings():  # Starlette would rather have httpx2; httpx serves
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from briefgen.serve.guard import COOKIE, HEADERS, MAX_BODY, Guard, new_token

TOKEN = "test-token"
PORT = 8765
HOSTS = (f"127.0.0.1:{PORT}", f"localhost:{PORT}")
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def reached() -> list[str]:
    """What the page code behind the guard was asked for."""
    return []


@pytest.fixture
def app(reached: list[str]) -> Starlette:
    async def answer(request: Request) -> Response:
        reached.append(f"{request.method} {request.url.path}?{request.url.query}")
        return PlainTextResponse("page")

    return Starlette(
        routes=[Route("/", answer, methods=["GET", "POST"]), Route("/a", answer)],
        middleware=[Middleware(Guard, token=TOKEN, hosts=HOSTS)],
    )


@pytest.fixture
def opened(app: Starlette) -> TestClient:
    """A client that opened the address with the token, and so holds the cookie."""
    client = TestClient(app, base_url=BASE)
    assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


def request(method: str = "GET", query: str = "", **headers: str) -> Request:
    """A request to the guarded address (Host 127.0.0.1:PORT unless ``host`` says otherwise)."""
    given = {"host": HOSTS[0], **{k.replace("_", "-"): v for k, v in headers.items()}}
    return Request(
        {
            "type": "http",
            "method": method,
            "path": "/",
            "query_string": query.encode(),
            "headers": [(k.encode(), v.encode()) for k, v in given.items()],
        }
    )


def refused(req: Request) -> tuple[int, str] | None:
    found = Guard(Starlette(), token=TOKEN, hosts=HOSTS).refusal(req)
    return None if found is None else (found.status_code, bytes(found.body).decode())


def test_tokens_are_long_and_new_each_time():
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20 and all(len(t) >= 40 for t in tokens)


def test_the_token_opens_the_site_and_is_then_kept_in_a_cookie(app, reached):
    client = TestClient(app, base_url=BASE)
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    assert reached == []
    opened = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    cookie = opened.headers["set-cookie"].lower()
    assert cookie.startswith(f"{COOKIE}={TOKEN}") and "httponly" in cookie
    assert "samesite=strict" in cookie and "path=/" in cookie
    assert client.get("/").status_code == 200
    assert reached == ["GET /?"]


def test_the_token_leaves_the_address_and_the_rest_of_the_query_stays(app):
    client = TestClient(app, base_url=BASE)
    answer = client.get(f"/a?x=1&token={TOKEN}&y=2", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/a?x=1&y=2"


def test_foreign_hosts_origins_and_token_less_posts_are_refused(opened, app, reached):
    reached.clear()  # the opening page
    assert opened.get("/", headers={"host": "evil.example:8765"}).status_code == 400
    foreign = opened.post("/", data={"a": "1"}, headers={"origin": "http://evil.example"})
    assert foreign.status_code == 403
    cross = opened.post("/", data={"a": "1"}, headers={"sec-fetch-site": "cross-site"})
    assert cross.status_code == 403
    anonymous = TestClient(app, base_url=BASE)
    assert anonymous.post("/", data={"a": "1"}).status_code == 403
    assert reached == []  # refused before any page code ran
    own = opened.post("/", data={"a": "1"}, headers={"origin": BASE})
    assert own.status_code == 200 and reached == ["POST /?"]


def test_every_answer_carries_the_strict_headers_refusals_too(opened):
    for answer in (opened.get("/"), opened.get("/", headers={"host": "evil.example"})):
        for name, value in HEADERS.items():
            assert answer.headers[name] == value
    policy = HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize(
    ("req", "status", "said"),
    [
        (request(host="evil.example:8765"), 400, "only at the address briefgen serve printed"),
        (request(host=f"127.0.0.1:{PORT + 1}"), 400, "only at the address"),
        (request(), 403, "needs the address briefgen serve printed, with its token"),
        (request(query="token=nearly"), 403, "with its token"),
        (
            request("POST", f"token={TOKEN}", origin="http://localhost:1"),
            403,
            "not sent from briefgen's own pages",
        ),
        (
            request("POST", f"token={TOKEN}", sec_fetch_site="cross-site"),
            403,
            "not sent from briefgen's own pages",
        ),
        (
            request("POST", f"token={TOKEN}", content_length=str(MAX_BODY + 1)),
            413,
            "larger than 26 MB",
        ),
        (request("POST", f"token={TOKEN}", content_length="-1"), 413, "larger than"),
    ],
)
def test_what_is_refused_and_in_what_words(req, status, said):
    found = refused(req)
    assert found is not None and found[0] == status and said in found[1]


@pytest.mark.parametrize(
    "req",
    [
        request(query=f"token={TOKEN}"),
        request(host=HOSTS[1], cookie=f"{COOKIE}={TOKEN}"),
        request("POST", origin=f"http://{HOSTS[1]}", cookie=f"{COOKIE}={TOKEN}"),
        request("POST", f"token={TOKEN}", sec_fetch_site="same-origin"),
        request("POST", f"token={TOKEN}", content_length=str(MAX_BODY)),
    ],
)
def test_what_the_officers_own_page_sends_is_let_through(req):
    assert refused(req) is None
