"""``python -m batcalc``: the same as the ``batcalc`` command."""

from .cli import main

if __name__ == "__main__":
    main()
