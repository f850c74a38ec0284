"""Render a function's parameters the way the upstream-signature tests write them down."""

from __future__ import annotations

import inspect
from typing import Any


def rendered_params(func: Any) -> list[str]:
    """The parameters of *func* as source-like strings: ``name``, ``name=default``, ``*args``, ``**kwargs``.

    :param func: any callable.
    :returns: one string per parameter, in order.
    """
    rendered = []
    for p in inspect.signature(func).parameters.values():
        if p.kind is p.VAR_KEYWORD:
            rendered.append("**" + p.name)
        elif p.kind is p.VAR_POSITIONAL:
            rendered.append("*" + p.name)
        else:
            rendered.append(p.name + ("" if p.default is p.empty else "=" + repr(p.default)))
    return rendered
