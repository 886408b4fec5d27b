"""Mutation testing of the physics and claims layers: does the test suite notice when they are wrong?

A small AST-based mutator (no mutmut trampolines, no stats run): for each module (:data:`MODULE_PATHS`:
the physics modules by name, and the claim checker as ``check``, ``expr`` and ``claim_bands``) it lists the
mutation sites, writes one mutant at a time into a private copy of the project, and runs ``pytest -x``
on the tests relevant to that module with a timeout. A mutant is *killed* when the tests fail, *timed
out* when they run past the timeout (counted as killed in the rate: an infinite loop is noticed), and
*survives* when they pass.

Operators (each site gives one mutant per replacement):

- arithmetic: ``+`` <-> ``-``, ``*`` <-> ``/``, ``**`` -> ``*``, ``//`` -> ``/``
- comparisons: off by the boundary (``<`` <-> ``<=``, ``>`` <-> ``>=``) and negated (``<`` -> ``>=``,
  ``==`` <-> ``!=``, ``in`` <-> ``not in``, ``is`` <-> ``is not``), each operator of a chain on its own
- numbers: an int ``n`` -> ``n + 1``; a float ``x`` -> ``x * 1.1`` (``0.0`` -> ``1.0``)
- ``and`` <-> ``or``; ``not x`` -> ``x``; ``-x`` -> ``x``
- ``return X`` -> ``return None``
- an argument dropped: each positional argument and each keyword of a call, one at a time

Not mutated (message-only by construction): anything inside an f-string or a string, the arguments of
exception constructors, docstrings. Slow (minutes), so not part of CI.

Usage (from the project root)::

    python tools/mutation.py                         # every physics module, all mutants
    python tools/mutation.py --modules check --limit 40   # a sample of the claim checker's mutants
    python tools/mutation.py --modules pack cells    # some modules
    python tools/mutation.py --limit 40 --seed 1     # a quick sample: 40 random mutants per module
    python tools/mutation.py --list                  # the mutants, without running anything
    python tools/mutation.py --jobs 2 --timeout 60   # workers (default 2), seconds per mutant run
    python tools/mutation.py --no-pins --save b.json # without tests/test_pins_*.py; keep every outcome
    python tools/mutation.py --rerun-survivors b.json --save a.json   # only what survived in b.json
    python tools/mutation.py --report a.json         # the summary of saved runs

Killed counts include timeouts. See docs/mutation.md for the kill rates and the surviving mutants that
are equivalent (no input can tell them from the code).

The tests run for a module are ``tests/test_pins_X.py`` then ``tests/test_X.py`` for X the module and the
nearest modules that build on it (:data:`RELEVANT`, kept lean: a surviving mutant costs a full run);
``--tests`` overrides the set.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "batcalc"
PHYSICS_MODULES = ("cells", "pack", "vehicle", "cycles", "charge", "tradeoff", "compare", "energy", "powertrain",
                   "charge_curve", "charging", "ratings", "bands")
#: Each module's file under batcalc/: the physics modules by name, the claims layer's by these names.
MODULE_PATHS = {**{m: f"physics/{m}.py" for m in PHYSICS_MODULES},
                "check": "claims/check.py", "expr": "claims/expr.py", "claim_bands": "claims/bands.py"}
MODULES = tuple(MODULE_PATHS)
#: What a run without --modules mutates (the claims layer is asked for by name).
DEFAULT_MODULES = PHYSICS_MODULES

#: The modules whose tests run against the mutants of each module: for each name X, tests/test_pins_X.py
#: (the pinning tests, run first) and tests/test_X.py, when they exist.
RELEVANT = {
    "cells": ["cells", "pack", "compare", "mismatch_units"],
    "pack": ["pack", "tradeoff"],
    "vehicle": ["vehicle", "tradeoff", "impossible_physics", "climate", "bands", "cycles", "trace_warnings",
                "assume_refused", "api_conditions"],
    "cycles": ["cycles", "vehicle"],
    "charge": ["charge", "inputs_error", "charge_cli"],
    "tradeoff": ["tradeoff", "same_range_scalar", "inputs_error", "trace_warnings"],
    "compare": ["compare"],
    "energy": ["energy", "claims"],
    "powertrain": ["powertrain", "vehicle", "fastsim_import"],
    "charge_curve": ["charge_curve"],
    "charging": ["charging", "charge_curve", "charge_cli"],
    "ratings": ["ratings", "cli_vehicle", "imperial_errors"],
    "bands": ["bands", "claim_bands", "assume_refused", "assume_unused"],
    "check": ["claims", "claims_real", "claims_probes", "claims_written_forms", "claims_negative",
              "claims_negative_unknown", "claims_plausible_unused", "claims_ratings", "claims_sources",
              "claims_missing_density", "claims_expr", "claim_cycle_located", "plausible_between",
              "plausible_order", "plausible_unused", "range_claim_consumption_bound", "same_range_words",
              "api_check_pairs", "claims_docs", "readme",
              # every other test file that runs a claim (a sample of seed 15 found 4 of its survivors killed here)
              "charge_claim_stop", "imperial_errors", "ledger_vehicle_grades", "claim_bands", "bands", "api",
              "api_conditions", "assume_refused", "assume_unused", "catalog", "charge_cli", "csv_injection",
              "dash_range_hint", "html_report", "html_sources", "imperial_constant_cycle", "inputs_error",
              "inputs_messages", "lint", "mismatch_units", "normalise_one_home", "output", "output_inputs",
              "range_bad_high_end", "ratings", "schema", "spec_empty_values", "trace_warnings", "units",
              "sources_in_sequences"],
    "expr": ["claims_expr", "claims", "claims_docs", "readme"],
    "claim_bands": ["claim_bands", "bands", "bands_held", "bands_ignored_options", "bands_note_wording",
                    "bands_rounding_swing", "assume_unused", "assume_refused", "claims", "readme"],
}

#: Calls whose arguments only build a message.
MESSAGE_CALLS = {"BatcalcError", "SpecError", "NotFoundError", "ValueError", "TypeError", "InputsError",
                 "ClaimInputsError"}

_BINOPS = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
           ast.Pow: [ast.Mult], ast.FloorDiv: [ast.Div]}
_CMPOPS = {ast.Lt: [ast.LtE, ast.GtE], ast.LtE: [ast.Lt, ast.Gt], ast.Gt: [ast.GtE, ast.LtE],
           ast.GtE: [ast.Gt, ast.Lt], ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.In: [ast.NotIn],
           ast.NotIn: [ast.In], ast.Is: [ast.IsNot], ast.IsNot: [ast.Is]}
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.FloorDiv: "//",
           ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


@dataclass(frozen=True)
class Mutant:
    """One mutation: the source span (1-based line, 0-based UTF-8 byte columns) and its replacement."""

    module: str
    line: int
    col: int
    end_line: int
    end_col: int
    replacement: str
    description: str

    @property
    def where(self) -> str:
        return f"batcalc/{MODULE_PATHS[self.module]}:{self.line}"

    def apply(self, source: str) -> str:
        lines = source.splitlines(keepends=True)
        head = lines[self.line - 1].encode()[:self.col].decode()
        tail = lines[self.end_line - 1].encode()[self.end_col:].decode()
        return "".join(lines[:self.line - 1]) + head + self.replacement + tail + "".join(lines[self.end_line:])


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """ids of nodes not to mutate: inside f-strings, docstrings, and message-only call arguments."""
    skip: set[int] = set()

    def mark(node: ast.AST) -> None:
        for sub in ast.walk(node):
            skip.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            mark(node)
        elif isinstance(node, ast.Call) and _call_name(node) in MESSAGE_CALLS:
            for arg in [*node.args, *node.keywords]:
                mark(arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                mark(body[0])
    return skip


def mutants_of(module: str, source: str | None = None) -> list[Mutant]:
    """Every mutant of ``module``'s file (:data:`MODULE_PATHS`), in source order."""
    if source is None:
        source = (PACKAGE / MODULE_PATHS[module]).read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip = _skipped_nodes(tree)
    out: list[Mutant] = []

    def add(node: ast.AST, new: ast.AST, what: str) -> None:
        text = ast.unparse(new)
        if not isinstance(new, ast.Constant):
            text = f"({text})"
        out.append(Mutant(module, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, text, what))

    def copy(node):
        return ast.parse(ast.unparse(node), mode="eval").body

    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            for new_op in _BINOPS[type(node.op)]:
                new = copy(node)
                new.op = new_op()
                add(node, new, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new_op]}")
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                for new_op in _CMPOPS.get(type(op), []):
                    new = copy(node)
                    new.ops[i] = new_op()
                    add(node, new, f"{_SYMBOL[type(op)]} -> {_SYMBOL[new_op]}")
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            v = node.value
            nv = v + 1 if isinstance(v, int) else (v * 1.1 if v else 1.0)
            add(node, ast.Constant(nv), f"{v!r} -> {nv!r}")
        elif isinstance(node, ast.BoolOp):
            new = copy(node)
            new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            add(node, new, "and -> or" if isinstance(node.op, ast.And) else "or -> and")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            add(node, copy(node.operand), "not x -> x" if isinstance(node.op, ast.Not) else "-x -> x")
        elif isinstance(node, ast.Return) and node.value is not None \
                and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            out.append(Mutant(module, node.value.lineno, node.value.col_offset, node.value.end_lineno,
                              node.value.end_col_offset, "None", "return value -> None"))
        elif isinstance(node, ast.Call) and _call_name(node) not in MESSAGE_CALLS:
            for i in range(len(node.args)):
                if isinstance(node.args[i], ast.Starred):
                    continue
                new = copy(node)
                del new.args[i]
                add(node, new, f"argument {i + 1} of {_call_name(node)}() dropped")
            for i, kw in enumerate(node.keywords):
                if kw.arg is None:
                    continue
                new = copy(node)
                del new.keywords[i]
                add(node, new, f"argument {kw.arg}= of {_call_name(node)}() dropped")
    out.sort(key=lambda m: (m.line, m.col, m.description))
    return out


@dataclass
class Outcome:
    mutant: Mutant
    status: str            # killed, survived, timeout, error (mutant does not compile)
    seconds: float


class Workspace:
    """A private copy of the project where one mutant at a time is written."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="batcalc-mutant-"))
        ignore = shutil.ignore_patterns("__pycache__", ".git", "mutants", "*.pyc", ".pytest_cache", ".hypothesis")
        for name in ("batcalc", "tests", "specs", "docs", "tools", "benchmarks", ".ci"):     # (.ci: test_readme)
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, self.dir / name, ignore=ignore)
        for name in ("pyproject.toml", "README.md", "CONTRIBUTING.md", "CHANGELOG.md", ".pre-commit-hooks.yaml"):
            if (ROOT / name).exists():
                shutil.copy2(ROOT / name, self.dir / name)
        self.restore: tuple[Path, str] | None = None

    def start(self, mutant: Mutant | None, tests: list[str]) -> int | None:
        """Write ``mutant`` (None: the code as it is) and fork a child running the tests; its pid, or None
        when the mutant does not compile."""
        if mutant is not None:
            target = self.dir / "batcalc" / MODULE_PATHS[mutant.module]
            original = target.read_text(encoding="utf-8")
            mutated = mutant.apply(original)
            try:
                compile(mutated, str(target), "exec")
            except SyntaxError:
                return None
            target.write_text(mutated, encoding="utf-8")
            self.restore = (target, original)
        pid = os.fork()
        if pid == 0:                                       # the child: run pytest here, never return
            try:
                os.chdir(self.dir)
                sys.path.insert(0, str(self.dir))
                _use_copy(self.dir)
                sys.dont_write_bytecode = True
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
                import pytest
                # reproducible runs: fixed examples, and no example database shared with the project's
                # own test runs (a failing example stored there would "kill" every later mutant)
                try:
                    from hypothesis import settings
                    settings.register_profile("mutation", database=None, derandomize=True)
                    settings.load_profile("mutation")
                except ImportError:
                    pass
                code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "--no-header", "-o", "addopts=", *tests])
                os._exit(0 if code == 0 else 1)
            except BaseException:
                os._exit(3)
        return pid

    def finish(self) -> None:
        if self.restore is not None:
            path, text = self.restore
            path.write_text(text, encoding="utf-8")
            self.restore = None

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def tests_for(module: str, override: list[str] | None, pins: bool = True) -> list[str]:
    """The test files run against ``module``'s mutants: the pinning tests first (fast and targeted)."""
    if override:
        return override
    names = [f"tests/test_pins_{x}.py" for x in RELEVANT[module]] if pins else []
    names += [f"tests/test_{x}.py" for x in RELEVANT[module]]
    return [n for n in names if (ROOT / n).exists()]


#: The layers below physics: imported once by the parent (they are never mutated).
_LOWER = ("batcalc.errors", "batcalc.units", "batcalc.io.yamlfile", "batcalc.io.safefile", "batcalc.spec.model",
          "batcalc.spec.catalog", "batcalc.spec.vehicle", "batcalc.spec.claims", "batcalc.spec.chargers",
          "batcalc.spec.schema")
_UPPER = ("batcalc.physics", "batcalc.claims", "batcalc.report", "batcalc.plots", "batcalc.cli")


def _use_copy(folder: Path) -> None:
    """In a child: keep the warm lower layers, and import physics and everything above it afresh from
    the copy ``folder`` (where the mutant is)."""
    import batcalc

    batcalc.__path__[:] = [str(folder / "batcalc")]
    for name in list(sys.modules):
        if name.startswith(_UPPER):
            del sys.modules[name]


def _warm() -> None:
    """Import the heavy libraries and batcalc's layers below physics once in the parent, so that each
    forked test run starts warm (physics and above are imported by each child, from its own copy)."""
    import importlib

    sys.path.insert(0, str(ROOT))
    for name in _LOWER:
        importlib.import_module(name)
    sys.modules["batcalc.units"].ureg()
    assert not any(n.startswith(_UPPER) for n in sys.modules), "a lower layer imported physics or above"
    import numpy  # noqa: F401
    import pint  # noqa: F401
    import pydantic  # noqa: F401
    import pytest  # noqa: F401
    import tabulate  # noqa: F401
    import typer  # noqa: F401
    import yaml  # noqa: F401
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        pass


def _run_all(items: list[tuple[Mutant | None, list[str]]], spaces: list[Workspace], budget,
             report) -> None:
    """Run every item, at most ``len(spaces)`` at a time, each child killed after its budget."""
    pending = list(reversed(items))
    free = list(spaces)
    running: dict[int, tuple[Workspace, Mutant | None, list[str], float]] = {}
    try:
        _loop(pending, free, running, budget, report)
    finally:                                      # interrupted: no child outlives the run
        for cpid in running:
            os.kill(cpid, signal.SIGKILL)
            os.waitpid(cpid, 0)


def _loop(pending, free, running, budget, report) -> None:
    while pending or running:
        while pending and free:
            mutant, tests = pending.pop()
            space = free.pop()
            pid = space.start(mutant, tests)
            if pid is None:
                space.finish()
                free.append(space)
                report(Outcome(mutant, "error", 0.0))
                continue
            running[pid] = (space, mutant, tests, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for cpid, (space, mutant, tests, t0) in list(running.items()):
                if now - t0 > budget(tests):
                    os.kill(cpid, signal.SIGKILL)
                    os.waitpid(cpid, 0)
                    del running[cpid]
                    space.finish()
                    free.append(space)
                    report(Outcome(mutant, "timeout", now - t0))
            time.sleep(0.02)
            continue
        if pid not in running:
            continue
        space, mutant, tests, t0 = running.pop(pid)
        space.finish()
        free.append(space)
        code = os.waitstatus_to_exitcode(status)
        report(Outcome(mutant, "survived" if code == 0 else "killed", time.monotonic() - t0))


def run(modules: list[str], limit: int | None, seed: int, jobs: int, timeout: float | None,
        tests_override: list[str] | None, verbose: bool,
        only: set[Mutant] | None = None, pins: bool = True) -> dict[str, list[Outcome]]:
    """Run the mutants of ``modules`` (a random ``limit`` per module, or only those in ``only``)."""
    rng = random.Random(seed)
    plan: list[tuple[Mutant | None, list[str]]] = []
    for module in modules:
        ms = mutants_of(module)
        if only is not None:
            ms = [m for m in ms if m in only]
        if limit is not None and len(ms) > limit:
            ms = sorted(rng.sample(ms, limit), key=lambda m: (m.line, m.col))
        plan += [(m, tests_for(module, tests_override, pins)) for m in ms]
    _warm()
    spaces = [Workspace() for _ in range(jobs)]
    results: dict[str, list[Outcome]] = {m: [] for m in modules}
    try:
        # the unmutated code must pass its tests; its time sets the timeout
        sets = [list(t) for t in dict.fromkeys(tuple(t) for _, t in plan)]
        base: dict[tuple[str, ...], float] = {}
        for tests in sets:
            pid = spaces[0].start(None, tests)
            t0 = time.monotonic()
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"the tests fail without any mutant: {' '.join(tests)}")
            base[tuple(tests)] = time.monotonic() - t0

        def budget(tests: list[str]) -> float:
            return timeout if timeout else max(30.0, 4 * base[tuple(tests)])

        done = [0]

        def report(outcome: Outcome) -> None:
            results[outcome.mutant.module].append(outcome)
            done[0] += 1
            if verbose:
                print(f"[{done[0]}/{len(plan)}] {outcome.status:8} {outcome.mutant.where} "
                      f"{outcome.mutant.description} ({outcome.seconds:.1f} s)", file=sys.stderr, flush=True)

        _run_all(plan, spaces, budget, report)
    finally:
        for s in spaces:
            s.remove()
    return results


def summary(results: dict[str, list[Outcome]]) -> str:
    """Per module: mutants, killed, survived, timeouts, kill rate; then the survivors."""
    lines = [f"{'module':10} {'mutants':>7} {'killed':>6} {'survived':>8} {'timeouts':>8} {'kill rate':>9}"]
    total = {"n": 0, "k": 0, "s": 0, "t": 0}
    for module, outcomes in results.items():
        outcomes = [o for o in outcomes if o.status != "error"]
        n = len(outcomes)
        k = sum(o.status == "killed" for o in outcomes)
        t = sum(o.status == "timeout" for o in outcomes)
        s = n - k - t
        total["n"] += n
        total["k"] += k
        total["s"] += s
        total["t"] += t
        rate = f"{(k + t) / n * 100:.1f} %" if n else "-"
        lines.append(f"{module:10} {n:7} {k:6} {s:8} {t:8} {rate:>9}")
    n = total["n"]
    rate = f"{(total['k'] + total['t']) / n * 100:.1f} %" if n else "-"
    lines.append(f"{'all':10} {n:7} {total['k']:6} {total['s']:8} {total['t']:8} {rate:>9}")
    survivors = [o.mutant for outcomes in results.values() for o in outcomes if o.status == "survived"]
    if survivors:
        lines.append("")
        lines.append("survivors:")
        source: dict[str, list[str]] = {}
        for m in sorted(survivors, key=lambda m: (MODULES.index(m.module), m.line, m.col)):
            text = source.setdefault(m.module, (PACKAGE / MODULE_PATHS[m.module]).read_text(encoding="utf-8")
                                     .splitlines())
            lines.append(f"  {m.where}: {m.description}    | {text[m.line - 1].strip()[:90]}")
    return "\n".join(lines)


def _load(path: str) -> list[Outcome]:
    """The outcomes of a run saved with ``--save``."""
    return [Outcome(Mutant(**o["mutant"]), o["status"], o["seconds"])
            for o in json.loads(Path(path).read_text(encoding="utf-8"))]


def _source_line(m: Mutant) -> str:
    """The text of the line ``m`` mutates, as the module reads now."""
    lines = (PACKAGE / MODULE_PATHS[m.module]).read_text(encoding="utf-8").splitlines()
    return lines[m.line - 1] if 0 < m.line <= len(lines) else ""


def _relocated(path: str, modules: list[str]) -> tuple[set[Mutant], list[Outcome]]:
    """The survivors of the run saved at ``path`` as mutants of the modules as they read now, and the
    survivors that are gone. A survivor is the same mutant where its line moved (a test or a fix added lines
    above it): the same mutation, columns and line text (saved with it), at the nearest line; a survivor
    saved without its line text must be at the same line."""
    saved = json.loads(Path(path).read_text(encoding="utf-8"))
    found: set[Mutant] = set()
    gone: list[Outcome] = []
    current: dict[str, list[Mutant]] = {}
    for o in saved:
        old = Mutant(**o["mutant"])
        if o["status"] != "survived" or old.module not in modules:
            continue
        text = o.get("source_line")
        if text is None:
            if old in current.setdefault(old.module, mutants_of(old.module)):
                found.add(old)
            else:
                gone.append(Outcome(old, "survived", o["seconds"]))
            continue
        same = [m for m in current.setdefault(old.module, mutants_of(old.module))
                if (m.description, m.replacement, m.col, m.end_col, m.end_line - m.line)
                == (old.description, old.replacement, old.col, old.end_col, old.end_line - old.line)
                and _source_line(m) == text]
        if same:
            found.add(min(same, key=lambda m: abs(m.line - old.line)))
        else:
            gone.append(Outcome(old, "survived", o["seconds"]))
    return found, gone


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--modules", nargs="+", choices=MODULES, default=None,
                   help="the modules to mutate (default: every physics module; with --report, those in the files)")
    p.add_argument("--limit", type=int, default=None, help="at most this many random mutants per module")
    p.add_argument("--seed", type=int, default=0, help="seed of the --limit sample")
    p.add_argument("--jobs", type=int, default=2, help="mutants run in parallel (default 2)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds per mutant run (default: 4x the unmutated run, at least 20 s)")
    p.add_argument("--tests", nargs="+", default=None, help="test files to run instead of the relevant set")
    p.add_argument("--list", action="store_true", help="list the mutants and exit")
    p.add_argument("--no-pins", action="store_true",
                   help="leave out tests/test_pins_*.py (the kill rate the other tests give on their own)")
    p.add_argument("--save", metavar="JSON", help="write every outcome to this file")
    p.add_argument("--rerun-survivors", metavar="JSON",
                   help="run only the mutants that survived in a saved run; the others keep their saved outcome")
    p.add_argument("--report", nargs="+", metavar="JSON", help="print the summary of saved runs and exit")
    p.add_argument("-v", "--verbose", action="store_true", help="print each mutant's outcome as it finishes")
    args = p.parse_args(argv)
    if args.list:
        for module in args.modules or DEFAULT_MODULES:
            for m in mutants_of(module):
                print(f"{m.where}: {m.description}")
        return 0
    start = time.monotonic()
    if args.report:
        merged: dict[str, list[Outcome]] = {m: [] for m in MODULES}
        for path in args.report:
            for o in _load(path):
                merged[o.mutant.module].append(o)
        print(summary({m: merged[m] for m in (args.modules or MODULES) if merged[m]}))
        return 0
    args.modules = args.modules or list(DEFAULT_MODULES)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))      # clean up the copies when killed
    only = None
    kept: dict[str, list[Outcome]] = {m: [] for m in args.modules}
    lines: dict[Mutant, str] = {}           # a kept outcome's line text, as saved (its line may have moved since)
    if args.rerun_survivors:
        lines = {Mutant(**o["mutant"]): o["source_line"]
                 for o in json.loads(Path(args.rerun_survivors).read_text(encoding="utf-8")) if "source_line" in o}
        saved = [o for o in _load(args.rerun_survivors) if o.mutant.module in args.modules]
        only, gone = _relocated(args.rerun_survivors, args.modules)
        for o in saved:
            if o.status != "survived":
                kept[o.mutant.module].append(o)
        for o in gone:
            print(f"{o.mutant.where}: {o.mutant.description}: no longer in the code (its line changed); "
                  f"not run again", file=sys.stderr)
    results = run(args.modules, args.limit, args.seed, args.jobs, args.timeout, args.tests, args.verbose, only,
                  not args.no_pins)
    for module, outcomes in kept.items():
        results[module] = outcomes + results[module]
    if args.save:
        Path(args.save).write_text(json.dumps([{"mutant": asdict(o.mutant), "status": o.status, "seconds": o.seconds,
                                                "source_line": lines.get(o.mutant) if o in kept[o.mutant.module]
                                                else _source_line(o.mutant)}
                                               for outcomes in results.values() for o in outcomes], indent=0),
                                   encoding="utf-8")
    print(summary(results))
    print(f"\n({time.monotonic() - start:.0f} s, seed {args.seed}, limit {args.limit}, jobs {args.jobs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
