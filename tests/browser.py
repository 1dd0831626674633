"""A real browser for tests: Debian's Chromium, headless, driven by Playwright.

`open_page(browser, path)` loads a file the project wrote and returns what a person
would meet: the page's visible text, every console error and uncaught exception,
every dialog a script opened, and a screenshot. The browser is found at
$MISSIONS_CHROMIUM, else /usr/bin/chromium. If it is missing, browser tests are
skipped with the reason, unless MISSIONS_REQUIRE_BROWSER is 1 (as .ci/run sets it,
after installing it), in which case they fail.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    sync_playwright,
)

CHROMIUM_VARIABLE = "MISSIONS_CHROMIUM"
REQUIRE_VARIABLE = "MISSIONS_REQUIRE_BROWSER"


def chromium_path() -> str | None:
    """The Chromium executable the tests drive, if there is one."""
    named = os.environ.get(CHROMIUM_VARIABLE)
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Loaded:
    """What a page showed and did when it loaded."""

    text: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: Addresses the page asked for beyond its own file and inline data.
    fetched: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    #: What `open_page`'s `probe` gave, evaluated in the page once loaded.
    probed: Any = None

    def colours(self) -> int:
        """How many distinct colours the screenshot has (1 for a blank page)."""
        image = Image.open(io.BytesIO(self.screenshot)).convert("RGB")
        found = image.getcolors(maxcolors=1 << 16)
        return len(found) if found is not None else 1 << 16


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    path = chromium_path()
    if path is None:
        reason = "no Chromium: install Debian's chromium, or set $MISSIONS_CHROMIUM"
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1)")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path)
        yield launched
        launched.close()


def open_page(
    browser: Browser,
    path: Path,
    *,
    width: int = 1280,
    height: int = 800,
    probe: str | None = None,
) -> Loaded:
    """Load a file in a new page, offline, and report what it showed and did;
    `probe`, a JavaScript function, is evaluated in the page once it has loaded.
    A document without a body (an SVG file) gives the text of its root."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, offline=True
    )
    page = context.new_page()
    loaded = watch(page)
    page.on("request", lambda request: _fetched(loaded, request.url, path))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        # An SVG file has no body, and Chromium cannot take it in full.
        html = page.evaluate("() => document.body !== null")
        if html:
            loaded.text = page.inner_text("body")
        else:
            loaded.text = page.evaluate("() => document.documentElement.textContent")
        if probe is not None:
            loaded.probed = page.evaluate(probe)
        loaded.screenshot = page.screenshot(full_page=html)
    finally:
        context.close()
    return loaded


def watch(page: Page) -> Loaded:
    """What a page will have done: its console errors, uncaught exceptions and
    the dialogs its scripts open (each dismissed), noted as they come."""
    loaded = Loaded(text="")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            loaded.errors.append(message.text)

    def dialog(opened: Dialog) -> None:
        loaded.dialogs.append(opened.message)
        opened.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: loaded.errors.append(str(error)))
    page.on("dialog", dialog)
    return loaded


def _fetched(loaded: Loaded, url: str, path: Path) -> None:
    if url != path.resolve().as_uri() and not url.startswith("data:"):
        loaded.fetched.append(url)
