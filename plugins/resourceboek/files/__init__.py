"""Files on disk: private files (0600/0700, atomic, no symlinks) and identical files stored once. Imports nothing of ours."""
