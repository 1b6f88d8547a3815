"""``python -m gomv``: the self-check (see gomv.selfcheck)."""

import sys

from gomv.selfcheck import main

if __name__ == "__main__":
    sys.exit(main())
