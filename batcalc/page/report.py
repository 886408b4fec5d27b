"""``batcalc check --format html``: a self-contained HTML page a newsroom could publish.

The page holds the verdict table, each claim's quote, source, readings, assumptions and evidence, and,
when matplotlib is installed, a chart inline as SVG (how far each derived value is from the claim); no
external file, script or font is referenced. Text comes from :mod:`batcalc.report.claims`, so the page
says what the terminal says.
"""

from __future__ import annotations

import html
import math
from typing import Any, Optional

from batcalc.claims.check import Verdict
from batcalc.report.claims import source_text, verdict_texts, weakest_evidence

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.holds{color:#1a7f37;font-weight:600}.fails{color:#c62828;font-weight:600}
.underdetermined{color:#9a6700;font-weight:600}.depends{color:#6f42c1;font-weight:600}
blockquote{margin:.5rem 0;padding-left:.8rem;
border-left:3px solid #ccc;color:#444}ul{margin:.3rem 0}.meta{color:#666;font-size:.85rem}
"""


def _ratio(v: Verdict) -> Optional[float]:
    """derived / claimed for a verdict with one number of each in the same dimension, else None."""
    from batcalc.claims.check import Value

    c, d = v.claimed, v.derived
    if isinstance(c, Value) and isinstance(d, Value) and c.dim == d.dim and c.si and d.si \
            and math.isfinite(c.si) and math.isfinite(d.si) and c.si * d.si > 0:
        return float(d.si / c.si)
    return None


def _link(url: str) -> str:
    """``url`` as a link when it is an http or https address (printable, no spaces around it, a host),
    else as text; escaped either way (a ``javascript:`` or ``data:`` url is never a link)."""
    from urllib.parse import urlsplit

    esc = html.escape(url)
    if url != url.strip() or not url.isprintable():
        return esc
    try:
        parts = urlsplit(url)
    except ValueError:                   # an invalid IPv6 host, '[::'
        return esc
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return esc
    return f'<a href="{esc}">{esc}</a>'


def chart_svg(verdicts: list[Verdict]) -> Optional[str]:
    """An SVG chart of derived / claimed per claim (:func:`batcalc.plots.draw.claims_svg`), or None
    without matplotlib or without a claim that has both numbers."""
    pairs = [(v.id, r, v.status) for v in verdicts if (r := _ratio(v)) is not None]
    if not pairs:
        return None
    from batcalc.errors import BatcalcError
    from batcalc.plots.draw import claims_svg

    try:
        return claims_svg(pairs)
    except BatcalcError:                 # matplotlib is not installed
        return None


def html_report(verdicts: list[Verdict], title: str, system: str = "metric",
                made_with: Optional[dict[str, str]] = None) -> str:
    """The whole page, as text."""
    esc = html.escape
    counts = {s: sum(v.status == s for v in verdicts) for s in ("holds", "fails", "underdetermined")}
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{esc(title)}</title>", f"<style>{_STYLE}</style></head><body>", f"<h1>{esc(title)}</h1>",
           f"<p>{len(verdicts)} claims: {counts['holds']} hold, {counts['fails']} fail, "
           f"{counts['underdetermined']} underdetermined"
           + (f", {sum(v.status == 'depends' for v in verdicts)} depend on the assumptions (--bands)"
              if any(v.status == "depends" for v in verdicts) else "") + ".</p>",
           "<table><thead><tr><th>claim</th><th>verdict</th><th>claimed</th><th>derived</th>"
           "<th>what it would take</th></tr></thead><tbody>"]
    texts = {v.id: verdict_texts(v, system) for v in verdicts}
    for v in verdicts:
        t = texts[v.id]
        out.append(f'<tr><td><a href="#{esc(v.id)}">{esc(v.id)}</a></td>'
                   f'<td class="{v.status}">{v.status.upper()}</td><td>{esc(t["claimed"])}</td>'
                   f'<td>{esc(t["derived"])}</td><td>{esc(t["would_take"])}</td></tr>')
    out.append("</tbody></table>")
    svg = chart_svg(verdicts)
    out.append("<h2>How far each claim is from what the figures give</h2>")
    out.append(svg if svg is not None else
               "<p class=\"meta\">(No chart: matplotlib is not installed, or no claim has a claimed and a derived "
               "number to compare. Install it with <code>pip install matplotlib</code>.)</p>")
    for v in verdicts:
        t = texts[v.id]
        out.append(f'<h2 id="{esc(v.id)}">{esc(v.id)}: <span class="{v.status}">{v.status.upper()}</span></h2>')
        out.append(f"<blockquote>{esc(' '.join(v.quote.split()))}</blockquote>")
        if v.cited is not None:         # as the table and the JSON give it, the url a link
            out.append(f'<p class="meta">source ({esc(v.cited.id)}): {source_text(v.cited, esc, _link)}</p>')
        elif v.source:
            out.append(f'<p class="meta">source: {esc(v.source)}</p>')
        items: list[tuple[str, list[str]]] = [("missing", list(v.missing)), ("readings", t["readings"]),
                                              ("assumptions", t["assumptions"])]
        if v.evidence:
            warning = weakest_evidence(v.evidence)
            items.append(("evidence", [f"{f} ({g})" for f, g in v.evidence] + ([warning] if warning else [])))
        for name, lines in items:
            if lines:
                out.append(f"<p><strong>{name}</strong></p><ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines)
                           + "</ul>")
    meta = made_with or {}
    out.append(f'<p class="meta">Made with batcalc {esc(meta.get("version", "?"))}, catalogue '
               f'{esc(meta.get("catalogue", "?"))}. Every figure is derived from the specs named above; '
               f"the assumptions are listed with each claim.</p></body></html>")
    return "\n".join(out)


def page_for(verdicts: list[Verdict], title: Optional[str], system: str) -> str:
    """The report page with the run's provenance (:func:`batcalc.report.render.provenance`)."""
    from batcalc.report.render import provenance

    made: dict[str, Any] = provenance()
    return html_report(verdicts, title or "Claim check", system, made)
