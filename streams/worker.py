"""The Faust worker class claimwatch runs: Faust's, without its terminal spinner.

Faust's worker spins a terminal spinner on every log record: to see them all,
it adds a handler to the root logger and sets the root level to DEBUG, whatever
`--loglevel` says, so every aiokafka debug line became a record that no handler
kept, and a library's `isEnabledFor(DEBUG)` said yes in production. Without the
spinner the root logger stays at the level asked for.

A worker that stops itself (its table store cannot be written) goes the way
of SIGTERM, and exits with the app's `exit_status` rather than 0. Faust sets up
the worker's own log handlers at start; they write in `log_format` (`logs`).
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from faust.types import AppT
from faust.worker import Worker

from .logs import use_format

__all__ = ["QuietWorker"]


class QuietWorker(Worker):
    def __init__(self, app: AppT, *services: Any, **options: Any) -> None:
        super().__init__(app, *services, **options)
        app.request_stop = self._on_sigterm  # type: ignore[attr-defined]

    def execute_from_commandline(self) -> NoReturn:
        try:
            super().execute_from_commandline()
        except SystemExit as exit_:
            status = getattr(self.app, "exit_status", 0)
            raise SystemExit(exit_.code or status) from None

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        self.spinner = None
        use_format(logger.handlers, self.app.settings.log_format)  # type: ignore[attr-defined]
