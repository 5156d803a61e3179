"""``python -m newsclean``: the same command as the ``newsclean`` console script."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
