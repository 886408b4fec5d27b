"""Pages that compose tables and charts: the claim-check report as one self-contained HTML page."""
