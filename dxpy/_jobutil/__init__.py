"""Console scripts used inside jobs (``dx-jobutil-*``, ``dx-print-bash-vars``, ...).

Each module's ``main`` functions are console-script entry points declared in setup.py.
"""
