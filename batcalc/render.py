"""Results -> rows -> text: tabulate tables, markdown, CSV and JSON, in a chosen unit system.

Only this module imports tabulate. Quantities in JSON are ``{"value": 350.0, "unit": "Wh/kg"}``.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any, Iterable, NamedTuple, Optional

from . import units
from .errors import BatcalcError, printable

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


class Shown(NamedTuple):
    """A number in display units, e.g. ``Shown(350.0, 'Wh/kg')``; ``text`` overrides the cell text.

    (A named tuple: immutable like a frozen dataclass, and several times cheaper to create.)
    """

    value: Optional[float]
    unit: str = ""
    text: Optional[str] = None

    def json(self) -> Any:
        if self.value is None:
            return None
        return {"value": _json_number(self.value), "unit": self.unit}

    def __str__(self) -> str:
        if self.text is not None:
            return self.text
        if self.value is None:
            return ""
        return units.format_number(self.value)


_DISPLAY: dict[tuple, tuple[str, float]] = {}


def shown(si: Optional[float], dim: str, system: str = "metric", category: str | None = None) -> Shown:
    """An SI magnitude of dimension ``dim`` as a :class:`Shown` in ``system``'s display unit."""
    key = (dim, system, category)
    found = _DISPLAY.get(key)
    if found is None:
        unit = units.display_unit(category or dim, system)
        found = _DISPLAY[key] = (unit, float(units.from_si(1.0, dim, unit)))
    if si is None:
        return Shown(None, found[0])
    return Shown(float(si) * found[1], found[0])


def _json_number(x: float) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return float(f"{x:.15g}") if isinstance(x, float) else x     # 15 significant digits: 1e-15 stays 1e-15


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
    import json     # here: the table formats never need it

    return json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False)


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return units.format_number(v)
    return str(v)


def render_rows(headers: list[str], rows: Iterable[list[Any]], fmt: str, title: str | None = None) -> str:
    """A table in ``fmt``: tabulate's formats (``table`` and ``markdown`` included) or ``csv``."""
    rows = [[_cell_text(v) for v in row] for row in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    import tabulate

    text = tabulate.tabulate(rows, headers=headers, tablefmt=OWN_FORMATS.get(fmt, fmt),
                             disable_numparse=True)
    if title and fmt in ("table", "markdown"):
        text = (f"**{title}**\n\n" if fmt == "markdown" else f"{title}\n\n") + text
    return text


def render(headers: list[str], rows: list[list[Any]], data: Any, fmt: str, title: str | None = None,
           notes: Iterable[str] = ()) -> str:
    """Render a result: JSON from ``data``, anything else from ``headers`` and ``rows``.

    ``notes`` (assumptions, warnings) follow a table as lines; in CSV they are left out (the JSON
    carries them).
    """
    check_format(fmt)
    if fmt == "json":
        return render_json(data)
    text = render_rows(headers, rows, fmt, title)
    notes = [printable(n) for n in notes]
    if notes and fmt != "csv":
        if "html" in fmt:                      # tabulate escapes the cells; the notes need it too
            import html

            text += "\n" + "\n".join(f"<p>{html.escape(n)}</p>" for n in notes)
        else:
            bullet = "- " if fmt == "markdown" else "  "
            text += "\n\n" + "\n".join(bullet + n for n in notes)
    return text

