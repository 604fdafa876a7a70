"""`resourceboek edit`: the plan filled in through a local form beside the live booklet.

Owns the form drawn from the group file's model (`fields.py`), the form's answers turned back into
the file's data (`answers.py`), the round-trip YAML write that keeps comments and key order
(`yamlwrite.py`), one editing session (`session.py`) and its web server on 127.0.0.1 (`server.py`).
May import every folder below it (the live booklet comes from `adapters/preview.py`).
"""
