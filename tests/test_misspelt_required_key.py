"""A misspelt required key ('nmae:' for 'name:') is named where it is written, with the key meant.

pydantic lists "missing required key 'name'" before "unknown key 'nmae'", and the one line batcalc printed
was the first: at the top of the mapping, not at the key the user had to fix. The kind of a file or a
claim ('knd:'), a union's tag, was "missing 'kind'" alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CLAIMS = Path(__file__).resolve().parent.parent / "specs" / "claims" / "seed-article.yaml"


def _where(text: str, written: str) -> tuple[int, int]:
    """1-based line and column of the first line of ``text`` holding the key ``written`` (``written:``)."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" -")
        if stripped.startswith(f"{written}:"):
            return number, len(line) - len(stripped) + 1
    raise AssertionError(f"{written} not in the text")


def _error(run, tmp_path, command: str, name: str, text: str) -> tuple[str, tuple[int, int]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = run(command, str(path))
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    line = r.stderr.strip()
    assert "\n" not in line
    prefix, _, message = line.partition(": ")
    location = prefix.removeprefix("batcalc: error: ").rsplit(":", 2)
    assert location[0].endswith(name), line
    return message, (int(location[1]), int(location[2]))


@pytest.mark.parametrize("spec, key, written", [
    ("cell", "name", "nmae"),
    ("cell", "id", "idd"),
    ("vehicle", "payload", "paylod"),
    ("vehicle", "mass_without_battery", "mass_without_batery"),
    ("vehicle", "energy", "enrgy"),                       # reference_pack.energy, a required key one level down
])
def test_a_misspelt_required_key_of_a_spec_is_named_at_its_place(run, tmp_path, spec, key, written):
    template = tmp_path / "template.yaml"
    assert run("new", spec, "my-spec", "-o", str(template)).exit_code == 0
    text = template.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = _where(text, key)[0] - 1
    lines[at] = lines[at].replace(f"{key}:", f"{written}:", 1)
    text = "".join(lines)
    message, where = _error(run, tmp_path, "show", "spec.yaml", text)
    assert where == _where(text, written)
    assert message.startswith("unknown key ") and f"{written}'; did you mean '{key}'?" in message
    assert "more)" not in message                         # the missing key is the misspelling: one mistake


@pytest.mark.parametrize("key, written", [("asserted", "assertd"), ("inputs", "inptus"), ("id", "idd"),
                                          ("claims", "claim")])
def test_a_misspelt_required_key_of_a_claims_file_is_named_at_its_place(run, tmp_path, key, written):
    text = CLAIMS.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = _where(text, key)[0] - 1
    lines[at] = lines[at].replace(f"{key}:", f"{written}:", 1)
    text = "".join(lines)
    message, where = _error(run, tmp_path, "check", "claims.yaml", text)
    assert where == _where(text, written)
    assert f"{written}'; did you mean '{key}'?" in message


@pytest.mark.parametrize("command, source, written", [("show", "cell", "knd"), ("check", "claims", "knd"),
                                                     ("check", "claim", "kinds")])
def test_a_misspelt_kind_is_named_at_its_place(run, tmp_path, command, source, written):
    """The kind of a file, or of one claim in a claims file: its tag, which pydantic reports missing alone."""
    if source == "cell":
        template = tmp_path / "template.yaml"
        run("new", "cell", "my-cell", "-o", str(template))
        text = template.read_text(encoding="utf-8")
    else:
        text = CLAIMS.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # the file's own kind (column 1), or the first claim's (indented)
    at = next(i for i, line in enumerate(lines)
              if line.lstrip().startswith("kind:") and (line.startswith("kind:") == (source != "claim")))
    lines[at] = lines[at].replace("kind:", f"{written}:", 1)
    text = "".join(lines)
    message, where = _error(run, tmp_path, command, "spec.yaml", text)
    assert where == (at + 1, lines[at].index(written) + 1)
    assert "unknown key '" in message and f"{written}'; did you mean 'kind'?" in message


def test_a_key_left_out_is_still_missing_and_a_real_key_is_no_misspelling(run, tmp_path):
    """Without a key close to it, the message is as it was: 'id' (0.67 like 'kind' to difflib) is not taken
    for a misspelt kind."""
    template = tmp_path / "template.yaml"
    run("new", "cell", "my-cell", "-o", str(template))
    text = template.read_text(encoding="utf-8")
    message, where = _error(run, tmp_path, "show", "spec.yaml", text.replace("kind: cell\n", ""))
    assert message.startswith("missing 'kind:'")
    message, _ = _error(run, tmp_path, "show", "spec.yaml", text.replace("\nname:", "\ntitle:"))
    assert message.startswith("missing required key 'name'")


@pytest.mark.parametrize("spec, key, written", [("cell", "name", "nmae"), ("vehicle", "payload", "paylod"),
                                                ("vehicle", "energy", "enrgy")])
def test_lint_says_a_misspelt_required_key_once_at_its_place(run, tmp_path, spec, key, written):
    # lint lists every error of a file; the key left out by a misspelling is one mistake, said at the key written,
    # not also as "missing required key" at the top of its mapping
    template = tmp_path / "template.yaml"
    assert run("new", spec, "my-spec", "-o", str(template)).exit_code == 0
    text = template.read_text(encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(text.replace(f"{key}:", f"{written}:", 1) + "other_key: 1\n", encoding="utf-8")
    r = run("lint", str(path))
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    lines = r.stdout.strip().splitlines()                      # lint's findings are its output
    line, col = _where(path.read_text(encoding="utf-8"), written)
    said = [x for x in lines if f"{written}'" in x]                # 'reference_pack.enrgy' one level down
    assert len(said) == 1 and said[0].startswith(f"{path}:{line}:{col}: unknown key '"), lines
    assert said[0].endswith(f"{written}'; did you mean '{key}'?"), said
    assert not [x for x in lines if f"missing required key '{key}'" in x], lines
    assert any("unknown key 'other_key'" in x for x in lines)     # every other error is still listed


def test_show_counts_the_mistakes_lint_lists(run, tmp_path):
    # two misspelt required keys are two mistakes: show names the first and "+1 more", lint lists both
    path = tmp_path / "two.yaml"
    path.write_text("kind: cell\nidd: x-cell\nnmae: X\n", encoding="utf-8")
    shown = run("show", str(path))
    assert shown.exit_code == 2 and shown.stderr.strip().endswith("(+1 more)"), shown.stderr
    linted = run("lint", str(path))
    assert linted.exit_code == 2 and len(linted.stdout.strip().splitlines()) == 2, linted.stdout
