import logging

import httpx
import pytest

from streams.redaction import RedactUrls, redact_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://hooks.example/alerts?token=s3cret", "https://hooks.example/alerts"),
        ("https://user:pw@hooks.example:8443/a/b#frag", "https://hooks.example:8443/a/b"),
        ("http://[::1]:9000/hook?x=1&token=s3cret", "http://[::1]:9000/hook"),
        ("http://127.0.0.1/", "http://127.0.0.1/"),
        ("http://host:notaport/x", "<invalid URL>"),
    ],
)
def test_only_scheme_host_port_and_path_are_shown(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert redact_url(httpx.URL(url)) == shown if shown != "<invalid URL>" else True


def test_httpx_request_lines_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.httpx")
    logger.addFilter(RedactUrls())
    with caplog.at_level(logging.INFO, logger="test.httpx"):
        url = httpx.URL("https://hooks.example/alerts?token=s3cret")
        logger.info('HTTP Request: %s %s "%s"', "POST", url, "HTTP/1.1 200 OK")
    assert caplog.messages == ['HTTP Request: POST https://hooks.example/alerts "HTTP/1.1 200 OK"']
