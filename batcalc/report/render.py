"""Results -> rows -> text: tabulate tables, markdown, CSV and JSON, in a chosen unit system.

Only this module imports tabulate. Quantities in JSON are ``{"value": 350.0, "unit": "Wh/kg"}``.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from batcalc import units
from batcalc.errors import BatcalcError, printable
from batcalc.units import Shown, _json_number, shown  # noqa: F401

#: Formats batcalc adds to tabulate's own: ``table`` (tabulate's "simple"), ``markdown`` ("github"),
#: ``csv`` and ``json``.
OWN_FORMATS = {"table": "simple", "markdown": "github"}


def formats() -> list[str]:
    """Every value ``--format`` accepts."""
    import tabulate

    return ["table", "markdown", "csv", "json"] + sorted(set(tabulate.tabulate_formats) - {"simple", "github"})


def check_format(fmt: str) -> str:
    """Return ``fmt`` if it is a known output format, else raise a one-line error listing them."""
    if fmt in ("table", "markdown", "csv", "json"):
        return fmt
    import tabulate

    if fmt in tabulate.tabulate_formats:
        return fmt
    raise BatcalcError(f"unknown format {fmt!r}; choose one of: {', '.join(formats())}")


def to_jsonable(obj: Any) -> Any:
    """Plain JSON data of results built from dicts, lists, :class:`Shown` and numbers."""
    if isinstance(obj, Shown):
        return obj.json()
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, float):
        return _json_number(obj)
    return obj


def render_json(obj: Any) -> str:
    """Stable, indented JSON (keys in the order built, no colour)."""
    import json  # here: the table formats never need it

    return json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False)


def _cell_text(v: Any, csv_numbers: bool = False) -> str:
    """A cell's text: a float (or a :class:`~batcalc.units.Shown` number without a text of its own) to 4
    significant digits in tables, 15 in CSV (numbers for spreadsheets, as JSON gives them)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.15g}" if csv_numbers else units.format_number(v)
    if csv_numbers and type(v) is units.Shown and v.text is None and v.value is not None:
        return f"{v.value:.15g}"
    return str(v)


def _simple_table(headers: list[str], rows: list[list[str]]) -> str | None:
    """The text of ``tabulate(rows, headers, tablefmt="simple", disable_numparse=True)`` when every
    header and cell is a string of one line of printable ASCII and every row has a cell per header
    (then a character is a column of width); else None, and tabulate does it.

    As tabulate lays it out: cells stripped and left-aligned; each column as wide as its widest cell
    and at least its header's length + 2; a line of dashes under the headers; columns two spaces apart;
    every line without trailing blanks. (tabulate infers a type for every cell, about half the time
    of ``show``.)"""
    n = len(headers)
    if not n or set(map(len, rows)) - {n}:
        return None
    try:
        text = "".join(headers) + "".join(map("".join, rows))
    except TypeError:                       # a cell that is no string
        return None
    if not (text.isascii() and text.isprintable()):
        return None
    # map over the cells rather than generator expressions: this runs for every table of a batch
    cells = [list(map(str.strip, row)) for row in rows]
    widths = [len(h) + 2 for h in headers]
    for row in cells:
        widths = list(map(max, widths, map(len, row)))
    lines = ["  ".join(map(str.ljust, row, widths)).rstrip() for row in (headers, *cells)]
    lines.insert(1, "  ".join(["-" * w for w in widths]))
    return "\n".join(lines)


def markdown_text(text: str, cell: bool = False) -> str:
    """``text`` safe in markdown: ``&`` and ``<`` as the entities ``&amp;`` and ``&lt;``, as the html
    formats escape them, so that a claim's quote ``<script>...`` or title ``<b>x</b>`` is shown, not passed
    through as HTML (no tag or entity starts without them: ``>`` stays, and '0->80 %' reads as written);
    in a table cell (``cell``) also ``|`` as ``\\|``, which would end the cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return text.replace("|", "\\|") if cell else text


#: tabulate's LaTeX formats that escape their cells (``latex_raw`` passes them through as LaTeX).
LATEX_ESCAPED = ("latex", "latex_booktabs", "latex_longtable")


def latex_text(text: str) -> str:
    """``text`` as LaTeX text, escaped by the rules tabulate applies to its LaTeX cells
    (``tabulate.LATEX_ESCAPE_RULES``: ``%`` as ``\\%``, ``_`` as ``\\_``, ``^`` as ``\\^{}``, ...)."""
    import tabulate

    rules = tabulate.LATEX_ESCAPE_RULES
    return "".join(rules.get(ch, ch) for ch in text)


#: A cell beginning with one of these is read as a formula by a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A CSV or TSV cell's ``text`` that a spreadsheet shows rather than runs (OWASP's advice against CSV
    injection): a text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, after any
    apostrophes, gets one more ``'`` in front (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``, ``-20 °C`` ->
    ``'-20 °C``); a cell that is a plain decimal number (``-5.0``, ``+1e-3``) is a number, not a formula,
    and stays as it is; other texts are unchanged. Reversible: drop one leading ``'`` from a cell whose text
    after its apostrophes begins with one of those characters (a text's own ``'=x`` is written ``''=x``)."""
    if not text.lstrip("'").startswith(FORMULA_STARTS):
        return text
    if text[0] != "'":
        import re  # re's cache compiles the pattern on first use

        if re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", text):
            return text
    return "'" + text


#: The formats programs and spreadsheets read: the csv module's, comma- or tab-separated; numbers to 15
#: significant digits, nothing padded, a formula-like text made harmless (:func:`spreadsheet_text`), no notes.
SPREADSHEET_FORMATS = ("csv", "tsv")


def render_rows(headers: list[str], rows: Iterable[list[Any]], fmt: str, title: str | None = None) -> str:
    """A table in ``fmt``: tabulate's formats (``table`` and ``markdown`` included), ``csv`` or ``tsv`` (the
    csv module's, comma- or tab-separated, numbers to 15 significant digits, nothing padded); markdown's
    headers, cells and title through :func:`markdown_text`; csv's and tsv's through
    :func:`spreadsheet_text`, the formats a spreadsheet opens."""
    spreadsheet = fmt in SPREADSHEET_FORMATS
    rows = [[v if type(v) is str else _cell_text(v, spreadsheet) for v in row] for row in rows]
    if spreadsheet:
        rows = [list(map(spreadsheet_text, row)) for row in rows]
        headers = list(map(spreadsheet_text, headers))
    if fmt == "markdown":
        rows = [[markdown_text(v, cell=True) for v in row] for row in rows]
        headers = [markdown_text(h, cell=True) for h in headers]
        title = markdown_text(title) if title else title
    if spreadsheet:
        buf = io.StringIO()
        # csv quotes a field that holds a character of the line terminator: with "\n" alone, a carriage
        # return in a text was written bare, and a spreadsheet began a new row there (a cell after it could
        # start a formula); a table with one is written with RFC 4180's "\r\n"
        crlf = any("\r" in v for row in (headers, *rows) for v in row)
        writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", delimiter="," if fmt == "csv" else "\t")
        writer.writerow(headers)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\r\n") if crlf else buf.getvalue().rstrip("\n")
    simple = _simple_table(headers, rows) if fmt == "table" else None
    if simple is not None:
        text = simple
    else:
        import tabulate

        text = tabulate.tabulate(rows, headers=headers, tablefmt=OWN_FORMATS.get(fmt, fmt),
                                 disable_numparse=True)
    if title and fmt in ("table", "markdown"):
        text = (f"**{title}**\n\n" if fmt == "markdown" else f"{title}\n\n") + text
    return text


def render(headers: list[str], rows: list[list[Any]], data: Any, fmt: str, title: str | None = None,
           notes: Iterable[str] = ()) -> str:
    """Render a result: JSON from ``data``, anything else from ``headers`` and ``rows``.

    ``notes`` (assumptions, warnings) follow a table as lines (paragraphs of escaped text after a LaTeX
    table, as its cells are escaped); in CSV and TSV, formats programs read, they are left out (the JSON
    carries them).
    """
    check_format(fmt)
    if fmt == "json":
        return render_json({**data, "batcalc": provenance()} if isinstance(data, dict) else data)
    text = render_rows(headers, rows, fmt, title)
    notes = [n if n.isprintable() else printable(n) for n in notes]      # most notes are printable
    if notes and fmt not in SPREADSHEET_FORMATS:
        if "html" in fmt:                      # tabulate escapes the cells; the notes need it too
            import html

            text += "\n" + "\n".join(f"<p>{html.escape(n)}</p>" for n in notes)
        elif fmt in LATEX_ESCAPED:             # likewise: a note's '%' began a comment, its '_' broke it
            text += "\n\n" + "\n\n".join(latex_text(n) for n in notes)
        else:
            bullet = "- " if fmt == "markdown" else "  "
            if fmt == "markdown":
                notes = [markdown_text(n) for n in notes]
            text += "\n\n" + "\n".join(bullet + n for n in notes)
    return text


_PROVENANCE: dict[str, str] = {}


def provenance() -> dict[str, str]:
    """What a JSON result was made with, so that it can be reproduced: batcalc's version and the
    catalogue's version (the first 12 hex digits of a SHA-256 over every file under ``specs/``, names and
    contents, in sorted order)."""
    if not _PROVENANCE:
        import hashlib

        from batcalc import __version__
        from batcalc.spec.catalog import specs_root

        root = specs_root()
        digest = hashlib.sha256()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _PROVENANCE.update({"version": __version__, "catalogue": digest.hexdigest()[:12]})
    return dict(_PROVENANCE)
