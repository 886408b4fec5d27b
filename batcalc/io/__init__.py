"""Files: YAML read with line:col positions, safe atomic writes."""
