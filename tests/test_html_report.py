"""The HTML report: self-contained, and usable in a real browser (headless Chromium driven by
Playwright): filter, reject a change, edit one, download the decisions and feed them to
`corrector apply`. The browser tests skip when Chromium or Playwright is missing."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector import cli_review  # noqa: F401  (registers the commands on main)
from corrector import decisions as D
from corrector.cli import main
from corrector.edits import apply_corrections
from corrector.html_report import render_html

from conftest import EXAMPLES

TERMS = str(EXAMPLES / "seed" / "show-terms.txt")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def seed(corrector, seed_text):
    result = corrector.correct(seed_text)
    page = render_html("transcript.txt", seed_text, result.corrections, result.suggestions, script=result.script.value)
    return seed_text, result, page


def embedded(page: str) -> dict:
    raw = re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def test_the_page_is_self_contained(seed):
    text, result, page = seed
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the browser may not fetch anything either
    data = embedded(page)
    assert data["input_sha1"] == D.fingerprint(text)
    assert len(data["items"]) == len(result.corrections) + len(result.suggestions)
    first = data["items"][0]
    assert first["record"] == D.change_record(result.corrections[0], text)
    assert page.count('class="chg') == len(data["items"])


def test_markup_in_the_text_is_escaped():
    from corrector.edits import Correction

    text = "<script>alert(1)</script> 灰達 </script>"
    change = Correction(26, 28, "灰達", "輝達", "輝達", "zh-sound", 0.9, "reason </script>")
    page = render_html("a<b>.txt", text, [change])
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 2  # the data block and the code, nothing from the text
    assert embedded(page)["items"][0]["reason"] == "reason </script>"


def test_a_transcript_without_changes():
    page = render_html("clean.txt", "今天天氣很好。", [], [])
    assert embedded(page)["items"] == []


# --- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            viewport={"width": 1400, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def open_page(browser, html: str, folder: Path):
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.evaluate("localStorage.clear()")  # decisions an earlier test left in the browser
    page.reload()
    page.wait_for_selector("#groups .row")
    return page, errors, requests


def download(page, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click("#download")
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_reject_in_the_browser_then_apply(browser, seed, tmp_path, monkeypatch):
    text, result, html = seed
    page, errors, requests = open_page(browser, html, tmp_path)
    changes = D.reviewable(result.corrections, result.suggestions)
    k = next(i for i, c in enumerate(changes) if c.before == "Atech")
    e = next(i for i, c in enumerate(changes) if c.before == "張亮")

    assert page.locator(".row").count() == len(changes)
    assert f"{len(changes)} undecided" in page.inner_text("#summary")
    page.click("#accept-shown")
    page.click(f'.row[data-i="{k}"] button[data-act="reject"]')
    page.once("dialog", lambda dialog: dialog.accept("張良"))
    page.click(f'.row[data-i="{e}"] button[data-act="edit"]')
    assert "reject" in page.get_attribute(f"#c{k}", "class")
    assert page.inner_text(f"#c{e} ins.ed") == "張良"
    assert page.is_hidden(f"#c{k} ins")  # a rejected change shows the original text only
    summary = page.inner_text("#summary")
    assert f"{len(changes) - 2} accepted · 1 rejected · 1 edited · 0 undecided" in summary

    saved = download(page, tmp_path)
    assert saved.name == "transcript.decisions.json"
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert len(doc["changes"]) == len(changes)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "transcript.txt").write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["apply", "transcript.txt", "-g", TERMS, "--decisions", str(saved)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    import dataclasses

    kept = [c for i, c in enumerate(changes) if i != k and c.applicability.value == "apply"]
    kept = [dataclasses.replace(c, after="張良") if c.before == "張亮" else c for c in kept]
    assert out.stdout == apply_corrections(text, kept)
    assert errors == [] and all(url.startswith("file:") for url in requests)

    # the decisions survive a reload of the page (local storage)
    page.reload()
    page.wait_for_selector("#groups .row")
    assert "1 rejected · 1 edited" in page.inner_text("#summary")
    page.close()


def test_filters(browser, seed, tmp_path):
    text, result, html = seed
    page, errors, _requests = open_page(browser, html, tmp_path)
    changes = D.reviewable(result.corrections, result.suggestions)
    shown = lambda: page.locator(".row:not(.hidden)").count()  # noqa: E731

    page.select_option("#f-term", "英聽")
    assert shown() == sum(1 for c in changes if c.term == "英聽")
    assert page.locator(".group:not(.hidden)").count() == 1
    page.select_option("#f-term", "")
    assert shown() == len(changes)

    threshold = round(sorted(c.score for c in changes)[len(changes) // 2], 2)  # the slider's step
    page.eval_on_selector("#f-score", f"(el) => {{ el.value = {threshold}; el.dispatchEvent(new Event('input')); }}")
    assert shown() == sum(1 for c in changes if c.score >= threshold - 1e-9)
    assert page.locator(".chg.out").count() == len(changes) - shown()
    page.eval_on_selector("#f-score", "(el) => { el.value = 0; el.dispatchEvent(new Event('input')); }")

    page.fill("#f-text", "POM")
    assert shown() == sum(1 for c in changes if "POM" in c.before)
    page.fill("#f-text", "")
    page.press("#f-text", "Escape")  # leaves the search box, so keys go to the list again

    # the group header counts and the keyboard: j selects, r rejects and moves on
    header = page.inner_text('.group[data-term="英聽"] .count')
    assert header.startswith(f"{sum(1 for c in changes if c.term == '英聽')} · 0 decided")
    page.keyboard.press("j")
    page.keyboard.press("r")
    assert "reject" in page.get_attribute("#c0", "class")
    assert "sel" in page.get_attribute(".row[data-i='1']", "class")
    assert errors == []
    page.close()


def test_a_long_transcript_stays_usable(browser, corrector, seed_text, tmp_path):
    """An hour and more of speech: the seed four times over, with hundreds of changes."""
    text = "\n".join([seed_text] * 4)
    result = corrector.correct(text)
    assert len(result.corrections) >= 300
    html = render_html("long.txt", text, result.corrections, result.suggestions)
    started = time.monotonic()
    page, errors, _requests = open_page(browser, html, tmp_path)
    loaded = time.monotonic() - started
    took = page.evaluate(
        """() => {
        const t0 = performance.now();
        document.getElementById('accept-shown').click();
        const sel = document.getElementById('f-term');
        sel.value = sel.options[1].value; sel.dispatchEvent(new Event('input'));
        sel.value = ''; sel.dispatchEvent(new Event('input'));
        return performance.now() - t0;
    }"""
    )
    assert errors == []
    assert loaded < 10 and took < 1000, (loaded, took)
    assert f"{len(result.corrections)} accepted" in page.inner_text("#summary")
    page.close()


def test_screenshot_of_the_seed_report(browser, seed, tmp_path):
    """For a person to look at: set CORRECTOR_SCREENSHOT=/tmp/corrector-report.png."""
    _text, _result, html = seed
    page, errors, _requests = open_page(browser, html, tmp_path)
    page.click(".row >> nth=3")
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000 and errors == []
    if os.environ.get("CORRECTOR_SCREENSHOT"):
        shutil.copy(shot, os.environ["CORRECTOR_SCREENSHOT"])
    page.close()
