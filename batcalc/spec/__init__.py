"""Spec models (cells, vehicles, chargers, claims) and the catalogue that loads them."""

#: What a spec id may be: lowercase letters, digits and dashes, at most 64 characters.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
