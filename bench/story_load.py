"""The stories API under load: concurrent clients asking without pause for a fixed time.

Each client (one httpx connection, as a browser tab or a script would hold)
asks in turn for the story list, the story's detail, the next page of its
claims (walking the cursor from the first page to the last, then again) and
its alerts, each as soon as the previous answer is in, for `seconds`. Every
answer must be 200; its latency is from sending the request to having read
the whole body. The clients run in this process, beside the worker on the
same cores: this process's CPU time is reported so a reader can tell the
worker's limit from the clients'.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

from .stats import percentile

__all__ = ["ROUTES", "Load", "load_api"]

ROUTES = ("/stories", "/stories/{id}", "/stories/{id}/claims?cursor=", "/stories/{id}/alerts")
"""The routes asked, in the order each client asks them; named as in the report."""


@dataclass
class Load:
    """What the clients measured: latencies (s) and body bytes per route."""

    clients: int
    seconds: float
    cpu_seconds: float = 0.0
    """This process's CPU time (the clients') while they ran."""
    latencies: dict[str, list[float]] = field(default_factory=lambda: {r: [] for r in ROUTES})
    body_bytes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROUTES, 0))

    def requests_per_s(self, route: str | None = None) -> float:
        done = self.latencies[route] if route else [x for v in self.latencies.values() for x in v]
        return len(done) / self.seconds

    def latency_ms(self, route: str, q: float) -> float | None:
        value = percentile(self.latencies[route], q)
        return None if value is None else value * 1000


async def load_api(url: str, story_id: str, clients: int, seconds: float) -> Load:
    """Run `clients` clients for `seconds`."""
    load = Load(clients, seconds)
    deadline = time.monotonic() + seconds
    cpu = time.process_time()
    started = time.monotonic()
    await asyncio.gather(*(_client(url, story_id, deadline, load) for _ in range(clients)))
    load.seconds = time.monotonic() - started
    load.cpu_seconds = time.process_time() - cpu
    return load


async def _client(url: str, story_id: str, deadline: float, load: Load) -> None:
    story = f"/stories/{quote(story_id, safe='')}"
    paths = {
        "/stories": "/stories",
        "/stories/{id}": story,
        "/stories/{id}/alerts": f"{story}/alerts",
    }
    cursor: str | None = None
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        while time.monotonic() < deadline:
            for route in ROUTES:
                if route == "/stories/{id}/claims?cursor=":
                    params = {"cursor": cursor} if cursor else {}
                    response = await _timed(http, f"{story}/claims", params, route, load)
                    cursor = response.json()["next"]
                else:
                    await _timed(http, paths[route], {}, route, load)


async def _timed(
    http: httpx.AsyncClient, path: str, params: dict[str, str], route: str, load: Load
) -> httpx.Response:
    began = time.perf_counter()
    response = await http.get(path, params=params)
    load.latencies[route].append(time.perf_counter() - began)
    response.raise_for_status()
    load.body_bytes[route] += len(response.content)
    return response
