"""The worker app: `streams`' Faust app with every stage's agent and the HTTP views.

`faust -A claimwatch.app worker` finds the default app through this module's
`app` attribute, built on first access from the environment's settings.
"""

from __future__ import annotations

from typing import Any

from agents.bindings import bind_all
from streams.app import ClaimwatchApp
from streams.settings import Settings

from .story_views import register_story_views
from .views import register_views

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, **faust_options: Any) -> ClaimwatchApp:
    """A worker app with every stage's agent bound and the HTTP views registered."""
    app = ClaimwatchApp(settings or Settings(), **faust_options)
    bind_all(app)
    register_views(app)
    register_story_views(app)
    return app


_default: ClaimwatchApp | None = None


def __getattr__(name: str) -> ClaimwatchApp:
    """`claimwatch.app.app`: the app of the environment's settings, built on first access."""
    global _default
    if name != "app":
        raise AttributeError(name)
    if _default is None:
        _default = create_app()
    return _default
