"""The analyst pages, on every worker's web port beside the JSON views.

`/` is the alerts feed, `/view/claims/{key}` a claim key's timeline,
`/view/stories` the list of stories and `/view/stories/{story_id}` one story.
All are static files: the browser reads the JSON views of `claimwatch.views`
(`/alerts`, `/claims/{key}`, `/stories`...) and follows their server-sent events, so
a page shows exactly what the HTTP API answers, any worker
serves them, and no template engine or second server is needed. Everything
they load (scripts, styles, the vendored uPlot chart library) comes from
`/static/` on the same port, so they work offline.

`/static/` serves the files of `static/` and nothing else, through a view
rather than aiohttp's static route: that one answers a missing file with an
empty 404 of its own, where every other error is a problem
(`streams.web.problems`).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import faust
from aiohttp.web import FileResponse, HTTPNotFound
from faust import web

__all__ = ["FEED_PATH", "STORIES_PATH", "register_pages"]

FEED_PATH = "/"
STORIES_PATH = "/view/stories"
_HERE = Path(__file__).resolve().parent


def register_pages(app: faust.App) -> None:
    """Serve the pages and their static files from `app`'s web server."""
    feed = (_HERE / "pages" / "feed.html").read_text("utf-8")
    timeline = (_HERE / "pages" / "claim.html").read_text("utf-8")
    stories = (_HERE / "pages" / "stories.html").read_text("utf-8")
    story = (_HERE / "pages" / "story.html").read_text("utf-8")

    # Faust mounts its own index ({"status": "OK"}) at "/" too, when the web server starts;
    # aiohttp answers with the route added first, and this one is added as the app is built.
    @app.page(FEED_PATH)
    async def alerts_feed(self: web.View, request: web.Request) -> web.Response:
        """The latest alerts, newest first, updated as they are raised."""
        return self.html(feed)

    @app.page("/view/claims/{key:.+}")
    async def claim_timeline(self: web.View, request: web.Request, key: str) -> web.Response:
        """One key's figures over time; the page reads the key from its own address."""
        return self.html(timeline)

    @app.page(STORIES_PATH)
    async def story_list(self: web.View, request: web.Request) -> web.Response:
        """The stories, most recently active first; search and filters from the query string."""
        return self.html(stories)

    @app.page(STORIES_PATH + "/{story_id}")
    async def story_page(self: web.View, request: web.Request, story_id: str) -> web.Response:
        """One story: a chart per quantity, its alerts and sources, live."""
        return self.html(story)

    static = _HERE / "static"
    files = {path.relative_to(static).as_posix() for path in static.rglob("*") if path.is_file()}

    @app.page("/static/{name:.+}")
    async def static_file(self: web.View, request: web.Request, name: str) -> web.Response:
        """A file of the pages: a script, a style sheet, the chart library."""
        if name not in files:
            raise HTTPNotFound()  # answered by the problem middleware, as any unknown path
        return cast(web.Response, FileResponse(static / name))
