"""The plain-text table renderer (``report.render._simple_table``) against tabulate itself: for any
table of one-line printable ASCII it must give tabulate's ``simple`` text byte for byte, and it must
hand anything else (non-ASCII, several lines, ragged rows, non-strings) back to tabulate."""
from __future__ import annotations

import tabulate
from hypothesis import given, settings
from hypothesis import strategies as st

from batcalc.report.render import _simple_table

ASCII = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    n = draw(st.integers(min_value=1, max_value=5))
    headers = draw(st.lists(ASCII, min_size=n, max_size=n))
    rows = draw(st.lists(st.lists(ASCII, min_size=n, max_size=n), max_size=6))
    return headers, rows


@settings(max_examples=300, deadline=None)
@given(tables())
def test_simple_table_is_tabulate_simple(table: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = table
    expected = tabulate.tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    assert _simple_table(headers, rows) == expected


def test_a_known_table_by_hand() -> None:
    # widths: max(len("id") + 2, 9) = 9 and max(len("Wh/kg") + 2, 3) = 7
    assert _simple_table(["id", "Wh/kg"], [["amprius-a", "450"], ["b", "300"]]) == (
        "id         Wh/kg\n"
        "---------  -------\n"
        "amprius-a  450\n"
        "b          300")


def test_other_tables_are_left_to_tabulate() -> None:
    assert _simple_table(["a"], [["é"]]) is None             # non-ASCII: width is not len()
    assert _simple_table(["a"], [["x\ny"]]) is None          # several lines
    assert _simple_table(["a", "b"], [["x"]]) is None        # a ragged row
    assert _simple_table([], []) is None                     # no columns
    assert _simple_table(["a"], [[1.5]]) is None             # type: ignore[list-item]  # not a string
    assert _simple_table(["a"], [["\t"]]) is None            # not printable
