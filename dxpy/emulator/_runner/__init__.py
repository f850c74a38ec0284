"""The emulator's job runner: execution records, the scheduler and the subprocess launcher.

* :mod:`.model` - the ``executions`` and ``execution_logs`` tables, the state machine and
  the log reading behind ``python -m dxpy.emulator logs``;
* :mod:`.launch` - one job as a local subprocess in a fresh home directory, with its
  two log sockets;
* :mod:`.specs` - inputSpec checks, job-based references and outputSpec checks;
* :mod:`.scheduler` - the bounded pool that moves jobs through their states;
* :mod:`.scope` - what a job's token may touch, and its inputs staged in its workspace.
"""
