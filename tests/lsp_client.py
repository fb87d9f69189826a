"""A small Language Server Protocol client: the YAML language server that VS Code's YAML
extension runs, driven over its standard input and output as the editor drives it, to read the
diagnostics (the underlined mistakes) it gives a file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

SERVER = Path(__file__).parent / "lsp" / "node_modules" / ".bin" / "yaml-language-server"


def server_command() -> list[str]:
    """How to start the server; skip (locally) or fail (in CI) where it is not installed."""
    if SERVER.exists() and shutil.which("node"):
        return [str(SERVER), "--stdio"]
    message = (
        "yaml-language-server is not installed (npm install --prefix tests/lsp, which .ci/run does)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install it")
    pytest.skip(message)


class YamlLanguageServer:
    """One server process; ``diagnostics(path)`` opens a file and returns what it underlines."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            server_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.published: dict[str, list[dict[str, Any]]] = {}
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    settings = {
        "validate": True,
        "hover": False,
        "completion": False,
        "schemaStore": {"enable": False},
        "schemas": {},
    }

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired, TimeoutError):
            self.process.kill()

    # --- the protocol -------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.receive()
            if message.get("id") == wanted and "method" not in message:
                return message.get("result")
        raise TimeoutError(f"no answer to {method}")

    def receive(self) -> dict[str, Any]:
        """The next message; the server's own requests answered, its diagnostics kept."""
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise TimeoutError("the language server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message = json.loads(self.process.stdout.read(length))
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.published[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration":
            items = message["params"]["items"]
            self.send(
                {
                    "id": message["id"],
                    "result": [
                        self.settings if item.get("section") == "yaml" else None for item in items
                    ],
                }
            )
        elif "id" in message and method:  # registerCapability, workDoneProgress/create, …
            self.send({"id": message["id"], "result": None})
        return message

    def diagnostics(self, path: Path, timeout: float = 30) -> list[dict[str, Any]]:
        """What the server underlines in ``path``, once it has checked it against the schema
        the file's first line names."""
        uri = path.resolve().as_uri()
        self.published.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text("utf-8"),
                }
            },
        )
        deadline = time.monotonic() + timeout
        while uri not in self.published and time.monotonic() < deadline:
            self.receive()
        # A document is checked again once its schema has loaded: settle on the last word.
        settle = time.monotonic() + 0.5
        while time.monotonic() < settle:
            self.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
            time.sleep(0.05)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return self.published.get(uri, [])
