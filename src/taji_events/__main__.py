"""``python -m taji_events``: the ``taji-events`` command line."""

from taji_events.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
