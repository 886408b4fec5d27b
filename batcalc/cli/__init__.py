"""The ``batcalc`` command line."""
