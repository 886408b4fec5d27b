"""``batcalc import-fastsim``: a vehicle spec from an NREL FASTSim vehicle file."""

from typing import Annotated, Optional

import typer

from batcalc.cli.common import check_force, emit, handles_errors
from batcalc.errors import quoted_path


@handles_errors
def import_fastsim_cmd(
        path: Annotated[str, typer.Argument(metavar="FILE", help="a FASTSim 3 vehicle file (YAML, as written by "
                                                                 "fastsim's Vehicle.to_yaml()), - for standard "
                                                                 "input")],
        output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT",
                                                      help="spec file to write (- or none: print it)")] = None,
        force: Annotated[bool, typer.Option("--force", help="replace OUT if it exists")] = False) -> None:
    """Convert a FASTSim battery-electric vehicle into a batcalc vehicle spec: road load, wheel inertia,
    motor power and efficiency map, gear, battery and auxiliaries, each citing the file; the pack mass is
    an assumption when the file gives none (said in the spec); the class from the file's text or test
    mass, else car (said in the notes: docs/spec-format.md).

    \b
    Example: batcalc import-fastsim benchmarks/data/fastsim-vehicles/tesla-model-3-rwd-2022.yaml -o model3.yaml
    """
    from batcalc.io.safefile import write_new
    from batcalc.io.yamlfile import load_stdin, load_yaml
    from batcalc.spec.fastsim import FastsimError, fastsim_spec_text

    check_force(output, force)
    doc = load_stdin() if path == "-" else load_yaml(path)       # -: standard input, named <stdin>
    try:
        text = fastsim_spec_text(doc.data, doc.path if path == "-" else str(path))
    except FastsimError as exc:              # errors about the file's content: at the value at fault
        raise doc.error(exc.loc, exc.message) from None
    if output is None or output == "-":      # -o -: standard output
        emit(text.rstrip("\n"))
    else:
        write_new(output, text.encode("utf-8"), force=force)
        emit(f"wrote {quoted_path(output)}: try batcalc range gac-aion-ssb-350 --vehicle {quoted_path(output)}")
