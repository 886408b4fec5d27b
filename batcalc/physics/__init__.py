"""The physics: cells, packs, vehicles and cycles, charging, trade-offs. SI floats in, SI floats out."""
