"""The analyst pages' files ship in the wheel: an installed worker serves them too."""

import tomllib

from support import ROOT

WEB = ROOT / "streams" / "web"


def test_every_page_and_static_file_is_package_data() -> None:
    """setuptools globs each package-data pattern in the package's folder, as here."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["streams.web"]
    shipped = {path for pattern in patterns for path in WEB.glob(pattern)}
    files = {path for folder in ("pages", "static") for path in (WEB / folder).rglob("*")}
    assert {path for path in files if path.is_file()} - shipped == set()
    assert shipped


def test_the_vendored_chart_library_keeps_its_licence() -> None:
    licence = (WEB / "static" / "vendor" / "uplot" / "LICENSE").read_text("utf-8")
    assert "MIT License" in licence
