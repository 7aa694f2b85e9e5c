"""Maps in a real browser: Debian's headless Chromium driven by playwright (the Chrome
DevTools protocol), shared by the map browser tests.

Every request the page makes is routed: anything but file:// is recorded and aborted,
so a map that reaches for a CDN fails here. Console errors, page errors and dialogs
(an injected ``alert``) are recorded too. The page says it is ready by setting
``window.tejidoReady`` after vis-network's first draw (names placed); nothing here
sleeps. Test modules get the fixtures ``browser`` and ``visit`` with
``pytest_plugins = ["helpers_browser"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Visit:
    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def ready(self) -> Visit:
        # The page sets window.tejidoReady and body[data-ready] together. A selector is
        # waited for without evaluating strings in the page, which the map's CSP forbids.
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        assert self.js("window.tejidoReady") is True
        return self

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def drawn(self) -> Visit:
        """Draw now (vis-network redraws synchronously), so names follow the last change."""
        self.js("tejido.network.redraw()")
        return self

    def download(self, button: str, target: Path) -> str:
        """Click ``button`` and save what it downloads to ``target``; the suggested name."""
        with self.page.expect_download() as info:
            self.page.click(button)
        info.value.save_as(target)
        return info.value.suggested_filename

    def clean(self) -> None:
        assert self.blocked == [], f"requests left the file: {self.blocked}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.js("window.pwned") is None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def open_page(path: Path, bypass_csp: bool = False,
                  viewport: tuple[int, int] = (1300, 800)) -> Visit:
        context = browser.new_context(accept_downloads=True, bypass_csp=bypass_csp,
                                      viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(route_) -> None:
            url = route_.request.url
            if url.startswith("file://"):
                route_.continue_()
            else:
                seen.blocked.append(url)
                route_.abort()

        context.route("**/*", route)
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        return seen

    yield open_page
    for context in contexts:
        context.close()
