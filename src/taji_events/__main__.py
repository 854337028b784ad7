"""``python -m taji_events``: the ``taji-events`` command line."""

from taji_events.cli import main

raise SystemExit(main())
