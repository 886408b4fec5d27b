"""Safe YAML reading: positions, YAML 1.1 surprises kept as strings, refusals with locations."""

from __future__ import annotations

import pytest

from batcalc.errors import SpecError
from batcalc.io import yamlfile


def test_positions_of_keys_and_values():
    doc = yamlfile.parse_yaml("kind: cell\nphysical:\n  mass: 70 g\n", "x.yaml")
    assert doc.data == {"kind": "cell", "physical": {"mass": "70 g"}}
    assert doc.where(("physical", "mass")) == (3, 9)
    assert doc.where(("physical", "mass"), key=True) == (3, 3)
    assert doc.where(("physical", "nope")) == (3, 3)  # falls back to the enclosing mapping


@pytest.mark.parametrize("text, value", [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("1:20", "1:20"), ("0o17", "0o17"),
    ("2024-03-04", "2024-03-04"), ("1_000", "1_000"), (".nan", ".nan"), ("0x1F", "0x1F"),
    ("true", True), ("null", None), ("42", 42), ("-1.5e3", -1500.0), ("'42'", "42"),
])
def test_yaml11_implicit_types_stay_strings(text, value):
    assert yamlfile.parse_yaml(f"v: {text}\n").data == {"v": value}


@pytest.mark.parametrize("text, where, fragment", [
    ("a: &x 1\nb: *x\n", (2, 4), "aliases"),
    ("a: 1\na: 2\n", (2, 1), "duplicate key 'a'"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", (3, 3), "merge keys"),
    ("a: !!python/name:os.system x\n", (1, 4), "tag"),
    ("a: [1, 2\n", (2, 1), "invalid YAML"),
    ("a: 1\n---\nb: 2\n", (3, 1), "more than one YAML document"),
    ("", (1, 1), "empty"),
])
def test_refusals_are_located(text, where, fragment):
    with pytest.raises(SpecError, match=fragment) as exc:
        yamlfile.parse_yaml(text, "f.yaml")
    assert (exc.value.line, exc.value.col) == where
    assert str(exc.value).startswith(f"f.yaml:{where[0]}:{where[1]}: ")


def test_billion_laughs_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    with pytest.raises(SpecError, match="aliases"):
        yamlfile.parse_yaml("\n".join(lines))


def test_depth_limit():
    text = "a: " + "[" * (yamlfile.MAX_DEPTH + 5) + "]" * (yamlfile.MAX_DEPTH + 5)
    with pytest.raises(SpecError, match="nesting too deep"):
        yamlfile.parse_yaml(text)


def test_files_that_are_not_text(tmp_path):
    (tmp_path / "bin.yaml").write_bytes(b"kind: cell\nid: \x00\x01")
    (tmp_path / "latin1.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    (tmp_path / "big.yaml").write_bytes(b"#" * (yamlfile.MAX_FILE_BYTES + 1))
    with pytest.raises(SpecError, match=r"bin.yaml:2:5: binary file"):
        yamlfile.load_yaml(tmp_path / "bin.yaml")
    with pytest.raises(SpecError, match=r"latin1.yaml:1:10: not UTF-8"):
        yamlfile.load_yaml(tmp_path / "latin1.yaml")
    with pytest.raises(SpecError, match="too large"):
        yamlfile.load_yaml(tmp_path / "big.yaml")
    with pytest.raises(SpecError, match="is a directory"):
        yamlfile.load_yaml(tmp_path)
    with pytest.raises(SpecError, match="no such file"):
        yamlfile.load_yaml(tmp_path / "missing.yaml")


def test_fast_and_careful_paths_read_the_same():
    """Plain files are read by libyaml's composer and one walk; the careful path must agree."""
    from batcalc.spec.catalog import specs_root

    paths = sorted(specs_root().rglob("*.yaml"))
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast = yamlfile.parse_yaml(text, str(path))
        careful = yamlfile._parse_careful(text, str(path))
        assert fast.data == careful.data, path
        assert fast.where(("kind",)) == careful.where(("kind",))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_scalars = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False), st.booleans(), st.none(),
                     st.text(alphabet="abc xyz019.-:%/_", max_size=12))
_docs = st.recursive(st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=6), _scalars, max_size=5),
                     lambda inner: st.one_of(st.lists(inner, max_size=4),
                                             st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=6),
                                                             inner, max_size=4)), max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(_docs)
def test_fast_path_property(doc):
    import yaml

    text = yaml.safe_dump({"root": doc}, default_flow_style=False) if doc is not None else "a: 1\n"
    try:
        careful = yamlfile._parse_careful(text, "x.yaml")
    except SpecError:
        ok, _ = yamlfile._fast_data(text)
        assert not ok
        return
    assert yamlfile.parse_yaml(text, "x.yaml").data == careful.data
