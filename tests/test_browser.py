"""A real browser (Debian's Chromium, headless, through Playwright) walks home → search → actor → commitment →
article → deadlines, checks what each page shows and that none logs a JavaScript error, and screenshots each."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pages_data import pages_server  # noqa: F401  (fixture)

CHROMIUM = os.environ.get("PLEDGEGRAPH_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
OUTPUT = Path(__file__).resolve().parent.parent / "test-output" / "browser"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `scripts/setup test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    """Screenshots go under test-output/browser/<test name>/ (git-ignored)."""
    folder = OUTPUT / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def test_journey_home_search_actor_commitment_article_deadlines(pages_server, browser, shots: Path) -> None:  # noqa: F811
    server, data = pages_server
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    # Nothing leaves the loopback address.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
               else route.abort())

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert (shots / f"{name}.png").stat().st_size > 1000

    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "pledgegraph"
    assert page.locator("ul.counts").inner_text().count("articles") == 1
    shot("1-home")

    box = page.locator("form.search.big input[name=q]")
    box.fill("sylv")
    with page.expect_response(lambda r: "/search.json?q=sylv" in r.url) as answer:
        box.type("a")  # typing asks the autocomplete endpoint
    assert answer.value.ok
    page.wait_for_function("document.querySelectorAll('#suggestions option').length > 0")
    assert page.locator("#suggestions option").first.get_attribute("value") == "Sylvania"
    box.press("Enter")
    page.wait_for_url("**/search?q=sylva")
    assert page.locator("ul.results li").count() == 1
    shot("2-search")

    page.locator("ul.results a", has_text="Sylvania").click()
    page.wait_for_url("**/actor/sylvania")
    assert page.locator("h1").inner_text() == "Sylvania"
    assert "Sylvanian Republic" in page.locator("main").inner_text()
    assert page.locator("#forecasts tbody tr").count() == 1
    shot("3-actor")

    page.locator("#issued tbody a", has_text="close the border crossing").first.click()
    page.wait_for_url(f"**/statement/{data.keys['a1']}/1")
    assert page.locator("h1").inner_text() == "Freedonia to close the border crossing"
    assert page.locator("blockquote.evidence mark").inner_text().startswith("Sylvania demanded")
    assert "overdue" in page.locator("dl.facts").inner_text()
    shot("4-commitment")

    page.locator("#evidence a", has_text="Freedonia pledges tanks").click()
    page.wait_for_url(f"**/article/{data.keys['a1']}")
    assert page.locator(".text a.mention").count() >= 4
    assert page.locator(".text mark").count() >= 2
    shot("5-article")

    page.locator("header nav a", has_text="Deadlines").click()
    page.wait_for_url("**/deadlines")
    assert page.locator("li.overdue").count() == 1 and page.locator("li.upcoming").count() >= 2
    shot("6-deadlines")

    # The README's picture (docs/actor-page.png is a copy of this one).
    page.goto(server.url + "/actor/freedonia")
    page.screenshot(path=str(shots / "actor-page.png"), full_page=False)

    # Readable on a phone: no sideways scrolling of the page itself.
    phone = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    small = phone.new_page()
    small.on("pageerror", lambda e: errors.append(f"phone {small.url}: {e}"))
    small.goto(server.url + "/actor/freedonia")
    assert small.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    small.screenshot(path=str(shots / "7-actor-phone.png"), full_page=False)
    phone.close()
    context.close()
    assert errors == []


def test_pages_read_without_javascript(pages_server, browser, shots: Path) -> None:  # noqa: F811
    server, data = pages_server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + f"/statement/{data.keys['a1']}/0")
    assert "deliver 40 tanks" in page.locator("h1").inner_text()
    page.goto(server.url + "/")
    page.locator("form.search.big input[name=q]").fill("free")
    page.locator("form.search.big button").click()
    page.wait_for_url("**/search?q=free")
    assert page.locator("ul.results li").count() == 1
    page.screenshot(path=str(shots / "search-no-js.png"))
    context.close()
