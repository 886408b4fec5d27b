"""`batcalc check --format html -o report.html`: one self-contained page with every verdict, its
explanation and assumptions, and the chart inline as SVG (or a line saying why not)."""

import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        # what the page loads (an image, a script, a style sheet) against what it links to (a source's url)
        found = [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]
        if tag == "a":
            self.links += found
        else:
            self.refs += found

    def handle_data(self, data):
        self.text.append(data)


def _report(run, tmp_path):
    out = tmp_path / "report.html"
    r = run("check", "seed-article", "--format", "html", "-o", str(out))
    assert r.exit_code == 1                         # the seed article has a claim that fails
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    return out, page, " ".join(" ".join(page.text).split())


def test_the_page_holds_every_verdict_and_its_explanation(run, tmp_path):
    from batcalc.claims.check import check_file

    _, verdicts = check_file("seed-article")
    out, page, text = _report(run, tmp_path)
    for v in verdicts:
        assert v.id in text and v.status.upper() in text
        assert " ".join(v.quote.split())[:60] in text
    assert "assumptions" in text and "evidence" in text
    assert "7 claims: 4 hold, 1 fail, 2 underdetermined" in text
    assert page.refs == []                          # self-contained: no external file, script or style
    assert "script" not in page.tags
    assert set(page.links) == {"https://news.metal.com/newscontent/102647192/foton-motor-teams-up-with-funeng-to-"
                               "establish-a-strategic-alliance-solid-liquid-hybrid-batteries-are-first-to-be-"
                               "deployed"}       # the one source the claims cite, linked


def test_the_chart_is_inline_svg_when_matplotlib_is_there(run, tmp_path):
    pytest.importorskip("matplotlib")
    _, page, text = _report(run, tmp_path)
    assert "svg" in page.tags and "derived / claimed" in text


def test_without_matplotlib_the_page_says_so(tmp_path, monkeypatch):
    from batcalc.claims.check import check_file
    from batcalc.page import report

    monkeypatch.setattr(report, "chart_svg", lambda verdicts: None)
    _, verdicts = check_file("seed-article")
    html_text = report.html_report(verdicts, "t")
    assert "No chart: matplotlib is not installed" in html_text and "<svg" not in html_text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_chromium_renders_the_page_with_every_verdict(run, tmp_path):
    from batcalc.claims.check import check_file

    out, _, _ = _report(run, tmp_path)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,2400", out.as_uri()],
                   capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "HOME": str(tmp_path)}).stdout
    from PIL import Image

    image = Image.open(shot).convert("L")
    low, high = image.getextrema()
    assert high - low > 100                         # not blank: dark text on a light page
    _, verdicts = check_file("seed-article")
    for v in verdicts:
        assert v.id in dom and v.status.upper() in dom
