"""Spec models (cells, vehicles, chargers, claims) and the catalogue that loads them."""

#: What a spec id may be: lowercase letters, digits and dashes, at most 64 characters.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"

#: The claim kinds (``kind:`` of a claim in a claims file, KIND of ``batcalc claim``), in the order of the
#: table in docs/claims.md. Kept here, out of :mod:`batcalc.spec.claims`, so that the command line's help
#: lists them without building the claim models; :data:`batcalc.spec.claims.KIND_INPUTS` gives each its
#: inputs model and refuses to load if the two disagree.
CLAIM_KINDS: tuple[str, ...] = (
    "same-weight", "same-energy", "same-volume", "same-energy-volume", "lifetime", "same-range", "range",
    "consumption", "charge", "range-added", "ratio", "difference", "product", "growth", "ratings", "expression",
)
