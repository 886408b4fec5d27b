"""Claim checking: verdicts on claims from the news, using the physics layer."""
