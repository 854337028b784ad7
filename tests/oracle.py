"""Reference computations the fast paths are held to.

* :func:`direct_timeline` — a timeline computed by evaluating the policy over every
  active claim at every publication moment: quadratic, and obviously right. The
  belief history (``taji_events.history``) must give the same entries. It ships in
  ``taji_events.testing`` so that users can hold their own policies to it too.
"""

from __future__ import annotations

from taji_events.testing.checks import direct_timeline

__all__ = ["direct_timeline"]
