"""serve/__init__.py: the port briefgen serve listens on (one given, or a free one)."""

from __future__ import annotations

import socket

import pytest

from briefgen.errors import OptionError
from briefgen.serve import free_port, serve


def test_a_free_port_can_be_listened_on():
    port = free_port()
    assert 1024 <= port < 65536
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", port))


@pytest.mark.parametrize("port", [0, -1, 65536, 100_000])
def test_a_port_out_of_range_is_refused_before_anything_starts(port, tmp_path, capsys):
    with pytest.raises(OptionError, match="--port must be a number from 1 to 65535"):
        serve(tmp_path, port, open_browser=False)
    assert capsys.readouterr() == ("", "")
    assert list(tmp_path.iterdir()) == []
