"""The command line (`resourceboek`): thin click commands over `build`, `project` and the core, in Dutch."""
