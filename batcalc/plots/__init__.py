"""Charts (matplotlib, an optional extra)."""
