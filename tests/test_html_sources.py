"""A claim's source on the HTML page (`batcalc check FILE -f html`), in the table's notes and in the JSON:
the claims file's record of it (title, date, grade, url or document), the same in all three; on the page an
http(s) url is a link, escaped, and any other url is text."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser

CLAIMS = """
    kind: claims
    title: sources
    sources:
      - id: web
        title: "Lab <b>test</b> & teardown"
        url: "https://example.com/a?x=1&y=<2>\\"q"
        date: 2024-05-02
        grade: datasheet
      - id: evil
        title: A trap
        url: "javascript:alert(1)"
        grade: press
      - id: paper
        title: Printed brochure
        document: "brochure, page 3"
        date: 2023
        grade: press
    claims:
      - {id: one, quote: "50 more", source: web, kind: difference, inputs: {a: 300 Wh/kg, b: 350 Wh/kg},
         asserted: 50 Wh/kg}
      - {id: two, quote: "50 more", source: evil, kind: difference, inputs: {a: 300 Wh/kg, b: 350 Wh/kg},
         asserted: 50 Wh/kg}
      - {id: three, quote: "50 more", source: paper, kind: difference, inputs: {a: 300 Wh/kg, b: 350 Wh/kg},
         asserted: 50 Wh/kg}
    """

# each source as written in CLAIMS: title, date, grade, where
WEB = ("Lab <b>test</b> & teardown", "2024-05-02", "datasheet", 'https://example.com/a?x=1&y=<2>"q')
EVIL = ("A trap", None, "press", "javascript:alert(1)")
PAPER = ("Printed brochure", "2023", "press", "brochure, page 3")


def _text(title, date, grade, where):
    return f"{title}{', ' + date if date else ''} ({grade}): {where}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None and not self._href.startswith("#"):
            self.links.append((self._href, data))


def test_the_page_gives_each_source_as_the_table_and_json_do(run, write):
    path = write("c.yaml", CLAIMS)
    page = run("check", path, "-f", "html")
    assert page.exit_code == 0, page.output
    parsed = _Links()
    parsed.feed(page.stdout)
    text = "".join(parsed.text)
    for sid, src in (("web", WEB), ("evil", EVIL), ("paper", PAPER)):
        assert f"source ({sid}): {_text(*src)}" in text          # the parser unescapes: the text as given
    # only the https url is a link, its href the url as given (escaped in the page, read back whole)
    assert parsed.links == [(WEB[3], WEB[3])]
    assert 'href="javascript' not in page.stdout and "<b>test</b>" not in page.stdout
    assert html.escape(WEB[0]) in page.stdout

    table = run("check", path).stdout.splitlines()
    # each source once, after the claims' notes, in the order cited; each claim's quote ends with its id
    at = table.index("  sources:")
    assert table[at + 1:at + 4] == [f"    [{sid}] {_text(*src)}" for sid, src in
                                    (("web", WEB), ("evil", EVIL), ("paper", PAPER))]
    assert sum(line.startswith("    [") for line in table) == 3 and table[at + 4].startswith("  3 claims")
    assert any(line.startswith("  one: ") and line.endswith("[web]") for line in table)
    data = json.loads(run("check", path, "-f", "json").stdout)
    details = {v["id"]: v["source_detail"] for v in data["verdicts"]}
    assert details["one"] == {"id": "web", "title": WEB[0], "date": WEB[1], "grade": WEB[2], "url": WEB[3],
                              "document": None}
    assert details["three"] == {"id": "paper", "title": PAPER[0], "date": PAPER[1], "grade": PAPER[2],
                                "url": None, "document": PAPER[3]}


def test_a_url_is_a_link_only_when_http_or_https():
    from batcalc.page.report import _link

    assert _link("http://example.com/x") == '<a href="http://example.com/x">http://example.com/x</a>'
    assert _link("HTTPS://example.com") .startswith("<a ")
    for url in ("javascript:alert(1)", "data:text/html,<script>", "ftp://example.com", "https:no-host",
                " https://example.com", "https://exa\nmple.com", "//example.com", "https://[::1"):
        assert _link(url) == html.escape(url)


def test_the_bands_table_gives_the_source_too(run, write):
    path = write("c.yaml", CLAIMS)
    table = run("check", path, "--bands").stdout.splitlines()
    assert f"    [web] {_text(*WEB)}" in table and table.count("  sources:") == 1


def test_files_checked_together_keep_each_source_of_one_id(run, write):
    """Bug fix: two claims files checked together whose sources share an id ('web') listed only the last
    file's record under `sources:`, so the first file's claim [web] read as citing the other file's source;
    each record is listed now, and a record cited twice still once."""
    other = ("Another lab's report", "2021-03-04", "press", "https://example.org/r")
    second = CLAIMS.replace("title: sources", "title: second").replace(
        'title: "Lab <b>test</b> & teardown"', f'title: "{other[0]}"').replace(
        'url: "https://example.com/a?x=1&y=<2>\\"q"', f'url: "{other[3]}"').replace(
        "date: 2024-05-02", f"date: {other[1]}").replace("grade: datasheet", f"grade: {other[2]}")
    assert second.count(other[0]) == second.count(other[3]) == 1
    table = run("check", write("a.yaml", CLAIMS), write("b.yaml", second)).stdout.splitlines()
    cited = [line for line in table if line.startswith("    [web] ")]
    assert cited == [f"    [web] {_text(*WEB)}", f"    [web] {_text(*other)}"]
    assert table.count(f"    [paper] {_text(*PAPER)}") == 1          # the same record in both files: once


def _unformula(cell: str) -> str:
    """A CSV text cell read back as docs/usage.md says: one leading ' dropped from a cell whose text after its
    apostrophes begins with =, +, -, @, a tab or a carriage return."""
    return cell[1:] if cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def test_the_csv_gives_each_source_as_the_json_does(run, write):
    """`check -f csv` had no source columns, while the table, the JSON (`source_detail`) and the page give
    each claim's source. The CSV has `source` and `source_title`, `source_date`, `source_grade`, `source_url`,
    `source_document` (empty where not given); a text a spreadsheet would run as a formula is neutralised as
    every other CSV text, and reads back as written."""
    import csv
    import io

    formula = '=HYPERLINK("http://evil.example","click")'
    claims = CLAIMS.replace("title: A trap", f"title: '{formula}'").replace(
        'document: "brochure, page 3"', 'document: "-3 pages, @brochure"')
    claims += ('  - {id: four, quote: "50 more", kind: difference, inputs: {a: 300 Wh/kg, b: 350 Wh/kg}, '
               'asserted: 50 Wh/kg}\n')
    path = write("c.yaml", claims)
    out = run("check", path, "-f", "csv")
    assert out.exit_code == 0, out.stderr
    rows = {r["claim"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    data = {v["id"]: v for v in json.loads(run("check", path, "-f", "json").stdout)["verdicts"]}
    assert sorted(rows) == sorted(data) == ["four", "one", "three", "two"]
    for cid, row in rows.items():
        detail = data[cid]["source_detail"] or {}
        assert row["source"] == (data[cid]["source"] or "")
        for key in ("title", "date", "grade", "url", "document"):
            assert _unformula(row[f"source_{key}"]) == (detail.get(key) or ""), (cid, key)
    assert rows["two"]["source_title"] == "'" + formula and _unformula(rows["two"]["source_title"]) == formula
    assert (rows["one"]["source"], rows["one"]["source_url"], rows["one"]["source_grade"]) == ("web", WEB[3], WEB[2])
    assert rows["three"]["source_document"] == "'-3 pages, @brochure" and rows["three"]["source_url"] == ""
    assert all(rows["four"][k] == "" for k in rows["four"] if k.startswith("source"))     # cites none
