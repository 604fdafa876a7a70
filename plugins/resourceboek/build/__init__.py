"""The whole site: which groups are built and which wait, fingerprints, worker processes, the new site swapped in. Imports `adapters` and below."""
