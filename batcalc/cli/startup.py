"""The console script's start-up without Python's cyclic garbage collector.

Starting ``batcalc`` imports typer, pydantic, PyYAML and batcalc's modules and builds the typer app
and the spec models: tens of thousands of objects that live until the process ends, and next to no
cyclic garbage. With the collector on, ``batcalc compare gac-aion-ssb-300 gac-aion-ssb-350`` ran
65 collections before the command's own work, about 9 ms, which freed 585 objects in all (CPython
3.11, ``gc.callbacks``), and a last full collection at exit.

So :func:`batcalc.cli.entry.main` calls :func:`pause` before it imports the command line, and every
command (:func:`batcalc.cli.common.handles_errors`) calls :func:`resume` before it starts: the
objects made so far move to the collector's permanent generation (``gc.freeze()``: never examined
again, which also spares the collections of a long batch run from walking them) and collection is
on again for the command's own work. ``--help``, ``--version`` and usage errors end with it paused.
Only the console script pauses: ``import batcalc`` and :func:`batcalc.cli.main.main` called from
Python leave the collector as it is (:func:`resume` does nothing unless :func:`pause` turned it off).
"""

import gc

#: Whether :func:`pause` turned the collector off (and :func:`resume` has yet to turn it on).
_PAUSED = {"on": False}


def pause() -> None:
    """Turn automatic garbage collection off for the start-up, unless it is off already."""
    if gc.isenabled():
        gc.disable()
        _PAUSED["on"] = True


def resume() -> None:
    """After :func:`pause`: keep the objects made so far out of every later collection
    (``gc.freeze()``) and turn collection back on. Otherwise nothing."""
    if _PAUSED["on"]:
        _PAUSED["on"] = False
        gc.freeze()
        gc.enable()
