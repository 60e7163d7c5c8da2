"""The browser tests' Chromium (Debian's, driven by Playwright), screenshots and axe-core.

Shared by the page tests (tests/integration/test_pages.py, test_story_pages.py).
axe-core is vendored under tests/data/axe-core (test-only, MPL-2.0): it is
injected into the page under test and run there, and a serious or critical
violation fails the test.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright
from support import ARTIFACTS, ROOT

__all__ = [
    "CHROMIUM",
    "DESKTOP",
    "PHONE",
    "SCREENSHOTS",
    "axe_violations",
    "chromium",
    "screenshot",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the networking flags chromium keeps calling Google, which this closed network refuses."""

SCREENSHOTS = ARTIFACTS / "pages"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

AXE = ROOT / "tests" / "data" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
"""axe-core's impacts that fail a test (the others are minor and moderate)."""


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: ./scripts/setup --dev installs Debian's chromium")
    async with async_playwright() as playwright:
        # Playwright gives each launch a new, empty profile (its own --user-data-dir).
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            await browser.close()


async def screenshot(page: Page, name: str, full_page: bool = True) -> None:
    """artifacts/pages/NAME.png: the whole page, or what the window shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


async def axe_violations(page: Page) -> list[str]:
    """The page's serious and critical accessibility violations as axe-core finds them, one
    line each (rule, impact, what it asks, where), as the page is now."""
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
