"""resourceboek: the resourcegroepen handbook and protected booklets, built with MkDocs."""

__version__ = "0.1.0"
