"""Rows, tables and JSON for each command; display units are chosen here."""
