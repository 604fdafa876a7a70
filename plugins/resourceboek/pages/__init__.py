"""A group's booklet pages as Markdown/HTML through Jinja, the sociogram and the crisis card. Pure functions. Imports `settings`, `groupfile`, `text`."""
