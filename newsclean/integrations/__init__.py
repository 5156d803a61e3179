"""Bridges to other tools, each an optional extra imported only when asked for.

``newsclean.integrations.datatrove``
    newsclean as datatrove pipeline steps (``pip install "newsclean[datatrove]"``).

Importing ``newsclean`` or this package imports none of those tools.
"""
