"""The arithmetic of ``kind: expression`` claims: a small, safe grammar over quantities (no ``eval``).

Grammar (documented in docs/claims.md)::

    expr    := term (('+' | '-') term)*
    term    := unary (('*' | '/' | 'x' | '×' | '·') unary)*
    unary   := ('-' | '+') unary | power
    power   := atom [('^' | '**') ['-'] digit]         integer powers, |n| <= MAX_POWER
    atom    := figure | reference | '?' | '(' expr ')'
    figure  := number [counting word] [unit]             '400 Wh/kg', '1.95 billion yuan', '3'
    unit    := name (('/' | '*' | '·') name)*            no spaces inside a unit: '400 Wh/kg' is one
                                                          figure, '75 kWh / 400' a division
    reference := spec-id '.' figure-name ['@' cycle]     'tesla-4680.energy', 'mid-sedan.consumption@wltp'

Each figure is parsed by :func:`batcalc.units.parse_quantity` (the one value parser); references are
resolved by the caller (cells and vehicles of the catalogue). Values are pint quantities, so the
dimension of the result is pint's; the caller compares it with the asserted value's. Limits:
:data:`MAX_CHARS` characters, :data:`MAX_TOKENS` tokens, :data:`MAX_DEPTH` levels of parentheses.
Errors are one line and give the 1-based column: ``column 12: expected ')'``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional

from batcalc import units
from batcalc.errors import BatcalcError, ClaimError

MAX_CHARS = 200         # characters in one expression
MAX_TOKENS = 60         # tokens in one expression
MAX_DEPTH = 6           # nested parentheses (and unary signs)
MAX_POWER = 4           # |n| of an integer power

COUNTING = units.COUNTING
_NUM = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?"
#: A number with a counting word after it, at the start of a figure: (number, word).
#: (The number is atomic and the space possessive, and a counting word's first letter is looked ahead for, so
#: that a figure without one, the common case, fails at once instead of backtracking through its digits.)
_WORDS = "|".join(COUNTING)
COUNTING_RE = re.compile(rf"^\s*([+-]?(?>{_NUM}))\s*+(?=[{''.join(sorted({w[0] for w in COUNTING}))}])({_WORDS})\b\s*",
                         re.IGNORECASE)


def counted(text: Any) -> str:
    """``text`` with the counting word after its number applied, the one place counting words are read
    (claims' figures, asserted values and expressions): '1.95 billion yuan' -> '1950000000.0 yuan'; text
    without one unchanged."""
    return COUNTING_RE.sub(_scaled, str(text))


def _scaled(m: re.Match) -> str:
    """A number and its counting word (a match of :data:`COUNTING_RE`) as the number they make; left as
    written when that is not finite (the value parser then says why)."""
    x = float(m.group(1)) * COUNTING[m.group(2).lower()]
    return f"{x!r} " if math.isfinite(x) else m.group(0)
_NAME = r"(?:%|[A-Za-zµμΩ°][A-Za-z_µμΩ°]*(?:\^-?[0-9])?)"
_TOKEN_RE = re.compile(rf"""
    (?P<space>\s+)
  | (?P<figure>{_NUM}(?:\s*(?i:{_WORDS})\b)?(?:\s*{_NAME}(?:[/*·]{_NAME})*)?)
  | (?P<ref>[a-z][a-z0-9-]*\.[a-z_]+(?:@[A-Za-z0-9-]+)?)
  | (?P<unknown>\?)
  | (?P<op>\*\*|[-+*/^()×·]|x(?=[\s(]))
""", re.VERBOSE)


class ExprError(ClaimError):
    """A malformed expression; the message starts with the 1-based column."""


class ExprSumError(ExprError):
    """Terms of different dimensions added or subtracted (``kWh + kg``; with a '?', a '?' in a sum)."""


def _fail(col: int, message: str, kind: type[ExprError] = ExprError) -> ExprError:
    return kind(f"column {col}: {message}")


@dataclass(frozen=True)
class Token:
    kind: str           # figure, ref, unknown, op, end
    text: str           # as the parser reads it: 'x', '×' and '·' are '*', '**' is '^'
    col: int            # 1-based
    written: str = ""   # as the expression gives it, where that differs from text: 'x' for '*'

    @property
    def shown(self) -> str:
        """The token as the user wrote it, for messages ('x', not the '*' it stands for)."""
        return self.written or self.text


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; a figure followed by ``x`` (the multiplication sign) keeps ``x`` out of its unit."""
    if len(text) > MAX_CHARS:
        raise ExprError(f"expression too long ({len(text)} characters, at most {MAX_CHARS})")
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            word = re.match(r"[^\s()]+", text[pos:])
            shown = word.group(0) if word else text[pos]
            hint = (" (a reference is spec-id.figure, e.g. tesla-4680.energy)" if shown[:1].isalpha() else
                    " ('.' is the decimal point and a number has no thousands separator: 1.5, 1000)"
                    if re.match(r",[0-9]", shown) else "")
            raise _fail(pos + 1, f"unexpected {shown!r}{hint}")
        kind = m.lastgroup or ""
        if kind == "figure":
            tok = m.group(0)
            unit_x = re.search(r"\s+[x×]$", tok)       # '33 x 12': x is the operator
            if unit_x:
                out.append(Token("figure", tok[:unit_x.start()], pos + 1))
                out.append(Token("op", "*", pos + unit_x.end(), tok[-1]))
            else:
                out.append(Token("figure", tok, pos + 1))
        elif kind == "op" and m.group(0) in ("×", "·", "x"):     # 'x' after a unit: '75 kWh x 2'
            out.append(Token("op", "*", pos + 1, m.group(0)))
        elif kind == "op" and m.group(0) == "**":
            out.append(Token("op", "^", pos + 1, m.group(0)))
        elif kind != "space":
            out.append(Token(kind, m.group(0), pos + 1))
        pos = m.end()
        if len(out) > MAX_TOKENS:
            raise _fail(pos, f"expression too long (more than {MAX_TOKENS} numbers, names and operators)")
    if not out:
        raise ExprError("empty expression")
    out.append(Token("end", "", len(text) + 1))
    return out


@dataclass
class Parsed:
    """An expression's syntax tree: nested tuples ``(op, col, *args)``; leaves are
    ``('figure', col, text)``, ``('ref', col, id, figure, cycle)`` and ``('unknown', col)``."""

    tree: tuple
    unknowns: int
    refs: list


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.toks, self.k, self.depth, self.unknowns = tokens, 0, 0, 0
        self.refs: list[tuple[str, str, Optional[str]]] = []          # (id, figure, cycle)

    def peek(self) -> Token:
        return self.toks[self.k]

    def take(self) -> Token:
        tok = self.toks[self.k]
        self.k += 1
        return tok

    def deeper(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(tok.col, f"nesting too deep (more than {MAX_DEPTH} levels)")

    def expr(self) -> tuple:
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take()
            node = (op.text, op.col, node, self.term())
        return node

    def term(self) -> tuple:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in ("*", "/"):
            op = self.take()
            node = (op.text, op.col, node, self.unary())
        return node

    def unary(self) -> tuple:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("+", "-"):
            self.take()
            self.deeper(tok)
            node = self.unary()
            self.depth -= 1
            return node if tok.text == "+" else ("neg", tok.col, node)
        return self.power()

    def power(self) -> tuple:
        node = self.atom()
        if self.peek().kind == "op" and self.peek().text == "^":
            op = self.take()
            sign = 1
            if self.peek().kind == "op" and self.peek().text == "-":
                self.take()
                sign = -1
            n = self.take()
            if n.kind != "figure" or not re.fullmatch(r"[0-9]+", n.text):
                raise _fail(n.col, f"a power is a whole number from -{MAX_POWER} to {MAX_POWER}, got {n.shown!r}")
            exp = sign * int(n.text)
            if abs(exp) > MAX_POWER:
                raise _fail(n.col, f"power {exp} is out of range (at most {MAX_POWER} either way)")
            node = ("^", op.col, node, exp)
        return node

    def atom(self) -> tuple:
        tok = self.take()
        if tok.kind == "figure":
            return ("figure", tok.col, tok.text)
        if tok.kind == "ref":
            ident, _, rest = tok.text.partition(".")
            name, _, cycle = rest.partition("@")
            self.refs.append((ident, name, cycle or None))
            return ("ref", tok.col, ident, name, cycle or None)
        if tok.kind == "unknown":
            self.unknowns += 1
            return ("unknown", tok.col)
        if tok.kind == "op" and tok.text == "(":
            self.deeper(tok)
            node = self.expr()
            close = self.take()
            if close.kind != "op" or close.text != ")":
                raise _fail(close.col, f"expected ')' to close the '(' of column {tok.col}"
                                       + ("" if close.kind == "end" else f", got {close.shown!r}"))
            self.depth -= 1
            return node
        if tok.kind == "end":
            raise _fail(tok.col, "the expression ends where a number or '(' is expected")
        raise _fail(tok.col, f"expected a number, a reference or '(', got {tok.shown!r}")


def parse(text: str) -> Parsed:
    """Parse an expression (see the module docstring); :class:`ExprError` with a column otherwise."""
    if not isinstance(text, str):
        raise ExprError(f"an expression is text, got {type(text).__name__}")
    p = _Parser(tokenize(text))
    tree = p.expr()
    tok = p.peek()
    if tok.kind != "end":
        raise _fail(tok.col, f"unexpected {tok.shown!r} (an operator is missing?)")
    if p.unknowns > 1:
        raise ExprError("at most one '?' in an expression")
    return Parsed(tree, p.unknowns, p.refs)


def _figure(text: str, col: int):
    """A number-with-unit token as a pint Quantity (counting words scale the number)."""
    try:
        return quantity(counted(text))
    except BatcalcError as exc:
        raise _fail(col, str(exc)) from None


def quantity(text: str):
    """``text`` ('<number> <unit>') as a pint Quantity, by :func:`batcalc.units.parse_quantity` (angles
    refused), parsing each unit once: the number is checked by :func:`batcalc.units.split_value`, the
    unit read as '1 <unit>' and cached; any error is the one ``parse_quantity(text)`` gives."""
    try:
        number, unit = units.split_value(text)
        return number * _unit_quantity(unit.strip())
    except BatcalcError:
        return units.parse_quantity(text)     # the located message


@lru_cache(maxsize=512)
def _unit_quantity(unit: str):
    text = f"1 {unit}"
    return units.parse_quantity(text)


def evaluate(parsed: Parsed, ref: Callable[[str, str, Optional[str], int], Any], unknown: Any = None):
    """The value (a pint Quantity) of a parsed expression; ``ref(id, figure, cycle, col)`` gives a
    reference's Quantity, ``unknown`` stands for '?'. Dimension errors (adding kWh to kg) and
    division by zero are :class:`ExprError` s at the operator's column."""
    from pint.errors import DimensionalityError

    def ev(node) -> Any:
        try:
            value = _ev(node)
        except OverflowError:
            value = None
        if value is not None and not math.isfinite(float(value.magnitude)):
            value = None
        if value is None:
            raise _fail(node[1], "the result is out of range (too large for a number)")
        return value

    def _ev(node) -> Any:
        op, col = node[0], node[1]
        if op == "figure":
            return _figure(node[2], col)
        if op == "ref":
            return ref(node[2], node[3], node[4], col)
        if op == "unknown":
            return unknown
        if op == "neg":
            return -ev(node[2])
        if op == "^":
            base = ev(node[2])
            if node[3] < 0 and float(base.magnitude) == 0:
                raise _fail(col, "zero to a negative power")
            return base ** node[3]
        a, b = ev(node[2]), ev(node[3])
        try:
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if float(b.magnitude) == 0:
                raise _fail(col, "division by zero")
            return a / b
        except DimensionalityError:
            raise _fail(col, f"cannot {'add' if op == '+' else 'subtract'} {units.describe_units(b)} "
                             f"{'to' if op == '+' else 'from'} {units.describe_units(a)}", ExprSumError) from None

    return ev(parsed.tree)
