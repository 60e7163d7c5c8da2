"""The Faust worker class claimwatch runs: Faust's, without its terminal spinner.

Faust's worker spins a terminal spinner on every log record: to see them all,
it adds a handler to the root logger and sets the root level to DEBUG, whatever
`--loglevel` says, so every aiokafka debug line became a record that no handler
kept, and a library's `isEnabledFor(DEBUG)` said yes in production. Without the
spinner the root logger stays at the level asked for.
"""

from __future__ import annotations

import logging

from faust.worker import Worker

__all__ = ["QuietWorker"]


class QuietWorker(Worker):
    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        self.spinner = None
