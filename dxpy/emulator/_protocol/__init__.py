"""The emulator's HTTP protocol layer: server, dispatch, errors, faults and the route registry."""
