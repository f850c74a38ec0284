"""The ``dx`` command line, built on the dxpy bindings.

:mod:`dxpy.cli.main` parses the command line and dispatches to one ``cmd_*`` module per
group of commands; only the module of the command being run is imported, so that ``dx``
starts quickly.
"""
