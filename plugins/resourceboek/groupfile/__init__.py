"""The group file format: the model, YAML reading with line numbers, validation, checks between sections, readiness, Dutch messages, the JSON Schema and the method's data. Imports `text`."""
