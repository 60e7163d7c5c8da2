import socket
from pathlib import Path

import pytest

from streams.broker import BrokerError, EmbeddedBroker


def test_starts_accepts_and_stops_keeping_its_log(tmp_path: Path) -> None:
    with EmbeddedBroker(tmp_path) as broker:
        assert broker.running
        assert 20000 <= broker.port < 32768
        with socket.create_connection((broker.host, broker.port), timeout=1):
            pass
        assert broker.url == f"kafka://127.0.0.1:{broker.port}"
    assert not broker.running
    assert broker.log_path is not None and broker.log_path.exists()


def test_a_reserved_port_is_used(tmp_path: Path) -> None:
    broker = EmbeddedBroker(tmp_path).reserve()
    port = broker.port
    with broker:
        assert broker.port == port


def test_a_missing_binary_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALF_TANSU_BIN", str(tmp_path / "no-such-tansu"))
    with pytest.raises(BrokerError, match="cannot run"):
        EmbeddedBroker(tmp_path).start()
