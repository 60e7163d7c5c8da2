import socket
from http import HTTPStatus

import pytest
from aiohttp.http_exceptions import BadHttpMessage, LineTooLong

from streams.web.server import PortInUse, check_port, head_error_status


@pytest.mark.parametrize(
    ("error", "status"),
    [
        # What aiohttp's C parser quotes (the target) and its Python parser (the whole line).
        (LineTooLong(bytearray(b"/aaaa..."), 8190), HTTPStatus.REQUEST_URI_TOO_LONG),
        (LineTooLong(b"GET /aaaa...", 8190), HTTPStatus.REQUEST_URI_TOO_LONG),
        (LineTooLong(b"http://example.test/aaaa...", 8190), HTTPStatus.REQUEST_URI_TOO_LONG),
        (LineTooLong(b"aaaa...", 8190), HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
        (LineTooLong(b"X-Long: aaaa...", 8190), HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
        (BadHttpMessage("Bad line ending"), HTTPStatus.BAD_REQUEST),
    ],
)
def test_a_malformed_request_head_gets_its_status(error: Exception, status: HTTPStatus) -> None:
    assert head_error_status(error) == status


def test_a_port_in_use_is_a_user_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse, match=f"cannot listen on 127.0.0.1:{port}"):
            check_port("127.0.0.1", port)
    check_port("127.0.0.1", port)
