"""HTTP views served on every worker's web port, beside /metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faust import web

if TYPE_CHECKING:
    from .app import ClaimwatchApp

__all__ = ["register_views"]


def register_views(app: ClaimwatchApp) -> None:
    @app.page("/healthz")
    async def healthz(self: web.View, request: web.Request) -> web.Response:
        """Liveness and readiness: ready once this worker holds partitions."""
        assigned = len(app.consumer.assignment()) if app.started else 0
        status = 200 if app.started else 503
        return self.json(
            {"status": "ok" if status == 200 else "starting", "assigned_partitions": assigned},
            status=status,
        )
