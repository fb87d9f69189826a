"""``briefgen serve``: the assessments under a folder, edited in a browser form.

A second front end beside the command line, with no rule of its own: every check, draft and
build is the library's (``library.py`` is the one place it calls briefgen). It listens on
127.0.0.1 only and opens the browser at an address carrying a secret token.
"""

from __future__ import annotations

import shutil
import socket
import threading
import webbrowser
from pathlib import Path

__all__ = ["free_port", "serve"]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(folder: Path, port: int | None = None, open_browser: bool = True) -> None:
    """Serve the assessments under ``folder`` until interrupted (Ctrl+C)."""
    import uvicorn

    from ..errors import OptionError
    from .app import make_app
    from .guard import new_token

    if port is not None and not 0 < port < 65536:
        raise OptionError("--port must be a number from 1 to 65535")
    port = port or free_port()
    token = new_token()
    app = make_app(folder, token, port)
    address = f"http://127.0.0.1:{port}/?token={token}"
    print(
        f"briefgen serve: the assessments in {folder} at\n    {address}\n"
        "(only this computer can reach it; press Ctrl+C to stop)",
        flush=True,
    )
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (address,)).start()
    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    finally:  # the uploads and built documents kept for download
        shutil.rmtree(app.state.site.work, ignore_errors=True)
