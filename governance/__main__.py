"""`python -m governance`: the same command line as the `governance` script."""

from __future__ import annotations

from governance.cli import main

if __name__ == "__main__":
    main()
