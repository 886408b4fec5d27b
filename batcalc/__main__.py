"""``python -m batcalc``: the same as the ``batcalc`` command."""

from batcalc.cli.main import main

if __name__ == "__main__":
    main()
