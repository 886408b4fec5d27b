"""What the common commands load: `list`, `show` and `compare` neither numpy nor pint; `convert`
between common units, `sweep` and a constant-speed cycle no pint registry (issue 10, "Judged by").

Each command runs in a fresh interpreter (``python -c`` calling ``batcalc.cli.main.main([...])``,
this checkout first on the path), which then reports what it loaded. A registry counts as built when
pint is imported and a ``pint.UnitRegistry`` object exists at exit.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, json, sys
from batcalc.cli.main import main
code = 0
try:
    main(json.loads(sys.argv[1]))
except SystemExit as exc:
    code = exc.code
pint = sys.modules.get("pint")
registry = pint is not None and any(isinstance(o, pint.UnitRegistry) for o in gc.get_objects())
sys.__stderr__.write("\\nPROBE " + json.dumps({"code": code, "numpy": "numpy" in sys.modules,
                                              "pint": pint is not None, "registry": registry}) + "\\n")
"""


def loaded(args: list[str], tmp_path) -> dict:
    """Run ``batcalc ARGS`` in a new interpreter; what it loaded, and its exit code."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("BATCALC_DEBUG", None)
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    lines = [line for line in out.stderr.splitlines() if line.startswith("PROBE ")]
    assert lines, out.stderr
    found = json.loads(lines[-1][len("PROBE "):])
    assert found["code"] == 0, out.stderr
    return found


@pytest.mark.parametrize("args", [
    ["list"],
    ["show", "huineng-llcb"],
    ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"],
], ids=["list", "show", "compare"])
def test_common_commands_load_neither_numpy_nor_pint(args, tmp_path):
    found = loaded(args, tmp_path)
    assert not found["numpy"], f"batcalc {' '.join(args)} imported numpy"
    assert not found["pint"], f"batcalc {' '.join(args)} imported pint"


def test_the_probe_sees_a_registry_when_one_is_built(tmp_path):
    """The probe can fail: a unit outside the common table goes through pint's registry."""
    assert loaded(["convert", "1 mile", "m"], tmp_path)["registry"]


@pytest.mark.parametrize("args", [
    ["convert", "1 kWh", "Wh"],
    ["sweep", "--vehicle", "mid-sedan", "--densities", "250:400:50 Wh/kg", "--pack-masses", "300:600:100 kg"],
    ["range", "gac-aion-ssb-350", "--vehicle", "mid-sedan", "--cycle", "80 km/h"],
], ids=["convert-common-units", "sweep", "range-constant-speed"])
def test_common_units_and_constant_speed_cycles_build_no_pint_registry(args, tmp_path):
    found = loaded(args, tmp_path)
    assert not found["registry"], f"batcalc {' '.join(args)} built the pint registry"
