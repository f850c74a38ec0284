"""The emulator's job runner: execution records, the scheduler and the subprocess launcher.

* :mod:`.model` - the ``executions`` and ``execution_logs`` tables, the state machine and
  the describe output of jobs and analyses;
* :mod:`.launch` - one job as a local subprocess in a fresh home directory, with its
  two log sockets;
* :mod:`.scheduler` - the bounded pool that moves jobs through their states.
"""
