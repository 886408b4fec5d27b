"""``python -m batcalc``: the same as the ``batcalc`` command (:mod:`batcalc.cli.entry`)."""

from batcalc.cli.entry import main

if __name__ == "__main__":
    main()
