"""The `claimwatch` command: a thin shell over the stages, the app and the runtime helpers.

A user error (a bad setting, an unreachable broker, a busy port, a missing
file) ends a command with its one-line message and status 2; anything else
with one line and status 1. Tracebacks only with `--debug`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from streams.errors import StageError, UserError
from streams.logs import LogFormat
from streams.logs import setup as setup_logging
from streams.models import TOPIC_MODELS, Alert, AlertKind, AlertStatus, DeadLetter, RawArticle
from streams.settings import Settings, SettingsError
from streams.sources import SourceError, read_articles

__all__ = ["main"]

_PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
_JSON = click.option("--json", "as_json", is_flag=True, help="JSON lines instead of text.")


class _Failure(click.ClickException):
    """A command's end: its one-line message on stderr and its exit status."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Commands(click.Group):
    """The command group, turning every error of a command into a `_Failure` unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, _Failure):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise _failure(exc) from exc


def _failure(exc: Exception) -> _Failure:
    if isinstance(exc, click.ClickException):  # usage: a missing file, a bad option
        return _Failure(exc.format_message(), 2 if isinstance(exc, click.UsageError) else 1)
    if isinstance(exc, UserError):
        return _Failure(str(exc), 2)
    return _Failure(f"unexpected {type(exc).__name__}: {exc} (--debug shows where)", 1)


def _settings() -> Settings:
    """The environment's settings (a bad value is a SettingsError: status 2)."""
    return Settings.load()


def _log_format() -> LogFormat:
    """CLAIMWATCH_LOG_FORMAT; text while the settings are invalid (a command that reads them
    says why)."""
    try:
        return _settings().log_format
    except SettingsError:
        return "text"


def _articles(paths: tuple[Path, ...]) -> Iterator[RawArticle]:
    """Readable articles; unreadable records are reported on stderr and skipped."""
    for item in read_articles(paths):
        if isinstance(item, SourceError):
            _skipped(item)
        else:
            yield item


def _skipped(error: SourceError) -> None:
    click.echo(f"skipped {error.where}: {error.reason}", err=True)


def _say(text: str) -> None:
    click.echo(text, err=True)


def _show_alert(alert: Alert, as_json: bool) -> None:
    if as_json:
        click.echo(alert.model_dump_json())
    elif alert.status == AlertStatus.WITHDRAWN:
        click.echo(_withdrawal(alert))
    else:
        colour = {"high": "red", "medium": "yellow"}.get(alert.severity.value, "cyan")
        head = click.style(f"[{alert.kind.value} · {alert.severity.value}]", fg=colour, bold=True)
        click.echo(f"{head} {alert.key_text}\n    {alert.summary}")


def _withdrawal(alert: Alert) -> str:
    """One line, not an alert's two: which alert no longer stands, by its id and figures, and
    why (the one reason the detector withdraws)."""
    verb = "replacing" if alert.kind == AlertKind.REVISION else "against"
    figures = f"{alert.claim.value.text} {verb} {alert.contradicts[0].value.text}"
    head = click.style(f"[withdrawn · {alert.kind.value}]", dim=True, bold=True)
    return (
        f"{head} {alert.key_text}: alert {alert.alert_id} ({figures}) no longer stands: "
        "a figure that arrived late sits between its figures on the key's timeline"
    )


def _show_deadletter(record: DeadLetter) -> None:
    click.echo(f"deadletter [{record.stage}] {record.reason}: {record.error}", err=True)


@click.group(cls=_Commands)
@click.version_option(package_name="claimwatch", prog_name="claimwatch")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def main(verbose: int, debug: bool) -> None:
    """claimwatch: alerts when a new figure in the news contradicts an earlier one."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    setup_logging(level, _log_format())
    if not verbose:
        # aiokafka logs every failed connection as an ERROR; a command says it once, its way.
        logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


@main.command()
@click.option("--once", is_flag=True, help="Exit once the articles are processed.")
@_JSON
@click.option(
    "--timeout", default=90.0, show_default=True, help="Seconds --once waits for the pipeline."
)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def demo(once: bool, as_json: bool, timeout: float, paths: tuple[Path, ...]) -> None:
    """Run the pipeline on the embedded broker over the samples (or PATHS) and print alerts."""
    from streams.web.server import check_port

    from .demo import SAMPLES_DIR, run_demo

    settings = _settings()
    if "web_port" in settings.model_fields_set:
        check_port(settings.web_host, settings.web_port)
    articles = list(_articles(paths or (SAMPLES_DIR,)))
    _say(f"claimwatch demo: {len(articles)} articles")
    try:
        shown = asyncio.run(
            run_demo(
                settings,
                articles,
                lambda alert: _show_alert(alert, as_json),
                _say,
                once=once,
                timeout=timeout,
            )
        )
    except KeyboardInterrupt:
        return
    except TimeoutError as exc:
        raise click.ClickException(str(exc)) from exc
    _say(f"{shown[AlertStatus.RAISED]} alerts raised, {shown[AlertStatus.WITHDRAWN]} withdrawn")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("faust_args", nargs=-1, type=click.UNPROCESSED)
def worker(faust_args: tuple[str, ...]) -> None:
    """A Faust worker against CLAIMWATCH_BROKER (unset: the embedded broker).

    Extra arguments go to `faust worker` (e.g. --loglevel info).
    """
    from streams.kafka import bootstrap_servers, check_broker
    from streams.settings import TANSU_CLUSTER_ID
    from streams.store import check_data_dir
    from streams.web.server import check_port

    from .app import create_app

    settings = _settings()
    if settings.web_port:
        check_port(settings.web_host, settings.web_port)
    if settings.broker is not None:
        cluster_id = asyncio.run(check_broker(settings, bootstrap_servers(settings.broker)))
        tuning = settings.tansu_tuning_missing() if cluster_id == TANSU_CLUSTER_ID else {}
        if tuning:
            _say(
                f"the broker is Tansu (cluster id {cluster_id}): using its tuning "
                + ", ".join(f"CLAIMWATCH_{k.upper()}={v}" for k, v in tuning.items())
            )
            settings = settings.tuned_for_tansu()
    check_data_dir(settings)
    logging.getLogger("aiokafka").setLevel(logging.NOTSET)  # a running worker logs all
    quiet = ["--quiet"] if settings.log_format == "json" else []  # no banner among JSON lines
    sys.argv = [sys.argv[0], *quiet, "worker", *faust_args]
    create_app(settings).main()


@main.command()
@_PATHS
def ingest(paths: tuple[Path, ...]) -> None:
    """Publish article files to articles.raw (CLAIMWATCH_BROKER must be set).

    Article files end in .txt, .html, .htm, .json or .jsonl; a folder stands for
    the article files in it. A record that cannot be read or sent is named with
    its reason and the others are published; the exit status is 1 when one was
    skipped or none was published.
    """
    from streams.kafka import bootstrap_servers
    from streams.runtime import publish_articles

    settings = _settings()
    if settings.broker is None:
        raise click.UsageError("set CLAIMWATCH_BROKER to the broker of a running worker")
    articles: list[RawArticle] = []
    skipped = 0
    for item in read_articles(paths):
        if isinstance(item, SourceError):
            _skipped(item)
            skipped += 1
        else:
            articles.append(item)
    progress = click.progressbar(
        length=len(articles), label="publishing", file=sys.stderr, hidden=not sys.stderr.isatty()
    )
    with progress as bar:

        def refused(article: RawArticle, error: StageError) -> None:
            nonlocal skipped
            click.echo(f"\nskipped {article.id}: {error}", err=True)
            skipped += 1
            bar.update(1)

        sent = asyncio.run(
            publish_articles(
                settings,
                bootstrap_servers(settings.broker),
                articles,
                lambda _: bar.update(1),
                refused,
            )
        )
    _say(
        f"published {sent} articles to {settings.topic('articles.raw')}"
        + (f", skipped {skipped}" if skipped else "")
    )
    if skipped or not sent:
        click.get_current_context().exit(1)


@main.command()
def topics() -> None:
    """Create the missing topics with CLAIMWATCH_PARTITIONS partitions (CLAIMWATCH_BROKER set).

    Workers create them too; a deployment runs this once first, so workers
    starting together never race to create them.
    """
    from streams.kafka import bootstrap_servers
    from streams.topics import ensure_topics

    settings = _settings()
    if settings.broker is None:
        raise click.UsageError("set CLAIMWATCH_BROKER to the broker to create topics on")
    created = asyncio.run(ensure_topics(settings, bootstrap_servers(settings.broker)))
    _say(f"created {', '.join(created)}" if created else "every topic exists")


@main.command()
@click.option(
    "--window",
    default=60.0,
    show_default=True,
    help="Seconds each alert is retried before it goes back to the deadletter topic.",
)
def redeliver(window: float) -> None:
    """Send the alerts of failed webhook deliveries (dispatch records on the deadletter topic)
    to their endpoints again (CLAIMWATCH_BROKER must be set).

    Each run goes on from where the last stopped; an alert that fails again goes back on the
    deadletter topic for the next run. Receivers drop repeats by `webhook-id`.
    """
    from agents.dispatch.redeliver import redeliver as run
    from streams.kafka import bootstrap_servers

    settings = _settings()
    if settings.broker is None:
        raise click.UsageError("set CLAIMWATCH_BROKER to the broker of the failed deliveries")
    if not settings.endpoints:
        raise click.UsageError(
            "set CLAIMWATCH_WEBHOOK_URLS or CLAIMWATCH_WEBHOOKS to the endpoints to deliver to"
        )
    done = asyncio.run(run(settings, bootstrap_servers(settings.broker), window, _say))
    _say(
        f"redelivered {done.delivered}, failed again {done.failed}, skipped {done.skipped}, "
        f"filtered out {done.filtered}"
    )
    if done.failed:
        sys.exit(1)


@main.command()
@_PATHS
@_JSON
@click.option(
    "--as-stream",
    is_flag=True,
    help="Print alerts as they are raised and withdrawn, as the alerts topic carries them, "
    "instead of the alerts standing at the end.",
)
def replay(paths: tuple[Path, ...], as_json: bool, as_stream: bool) -> None:
    """Run every stage in-process, no broker, over the files in the order given (an undated
    article stands where it is in that order), and print the alerts standing at the end."""
    from agents.detect import standing_alerts
    from agents.pipeline import Pipeline

    pipeline = Pipeline(_settings())
    alerts: list[Alert] = []
    for record in pipeline.replay(_articles(paths)):
        if isinstance(record, DeadLetter):
            _show_deadletter(record)
        elif as_stream:
            _show_alert(record, as_json)
        else:
            alerts.append(record)
    for alert in standing_alerts(alerts):
        _show_alert(alert, as_json)


@main.command()
@_PATHS
@_JSON
@click.option(
    "--explain", is_flag=True, help="Show every line with the reason it was kept or dropped."
)
def clean(paths: tuple[Path, ...], as_json: bool, explain: bool) -> None:
    """The cleaning stage's output."""
    from agents.clean import clean_article, explain_cleaning
    from streams.errors import StageError

    settings = _settings()
    for raw in _articles(paths):
        if explain:
            for decision in explain_cleaning(raw, settings):
                if as_json:
                    click.echo(decision.model_dump_json())
                else:
                    mark = "keep" if decision.kept else "drop"
                    click.echo(f"{mark} {decision.reason:<16} {decision.text}")
            continue
        try:
            article = clean_article(raw, settings)
        except StageError as exc:
            click.echo(f"{raw.id}: rejected ({exc})", err=True)
            continue
        if as_json:
            click.echo(article.model_dump_json())
        else:
            click.echo(f"# {article.title or article.id}  ({article.source or 'unknown source'})")
            click.echo("\n\n".join(article.paragraphs))
            click.echo(f"\nremoved: {json.dumps(article.removed)}\n")


@main.command()
@_PATHS
@_JSON
def claims(paths: tuple[Path, ...], as_json: bool) -> None:
    """The claims of each article (clean, dedupe, tag, story and extract in-process).

    Stories are assigned over the articles in the order given, as `replay` does.
    """
    from agents.pipeline import Pipeline

    pipeline = Pipeline(_settings())
    articles = list(_articles(paths))
    for raw, tagged in zip(articles, pipeline.tagged(articles), strict=True):
        if isinstance(tagged, DeadLetter):
            click.echo(f"{raw.id}: rejected by {tagged.stage} ({tagged.error})", err=True)
            continue
        try:
            found = pipeline.extract(tagged)
        except StageError as exc:
            click.echo(f"{raw.id}: rejected ({exc})", err=True)
            continue
        for claim in found:
            if as_json:
                click.echo(claim.model_dump_json())
            else:
                value = claim.value
                click.echo(
                    f"{raw.id}  {claim.key_text:<45} {value.text or value.low!s:<24} "
                    f"{claim.modality.value:<9} {claim.attributed_to or ''}"
                )


@main.command()
@click.argument("topic", required=False, type=click.Choice(sorted(TOPIC_MODELS)))
def schema(topic: str | None) -> None:
    """JSON Schema (2020-12) of every topic's message, by topic (or one topic's)."""
    from streams.schemas import topic_schema

    if topic:
        click.echo(json.dumps(topic_schema(topic), indent=2))
    else:
        click.echo(
            json.dumps({name: topic_schema(name) for name in sorted(TOPIC_MODELS)}, indent=2)
        )


@main.command()
def asyncapi() -> None:
    """The AsyncAPI 3.0 document of every topic, as YAML (what docs/asyncapi.yaml holds)."""
    from streams.asyncapi import asyncapi_yaml

    click.echo(asyncapi_yaml(), nl=False)


@main.command()
@click.argument("topic", type=click.Choice(sorted(TOPIC_MODELS)))
@click.option("--new", is_flag=True, help="Only messages that arrive from now on.")
def tail(topic: str, new: bool) -> None:
    """Pretty-print a topic as it grows (CLAIMWATCH_BROKER must be set)."""
    from streams.kafka import bootstrap_servers
    from streams.runtime import read_topic

    settings = _settings()
    if settings.broker is None:
        raise click.UsageError("set CLAIMWATCH_BROKER to the broker of a running worker")
    model = TOPIC_MODELS[topic]

    async def follow() -> None:
        stream = read_topic(
            settings, bootstrap_servers(settings.broker or ""), topic, model, from_beginning=not new
        )
        async for message in stream:
            click.echo(json.dumps(message.model_dump(mode="json"), indent=2, ensure_ascii=False))

    try:
        asyncio.run(follow())
    except KeyboardInterrupt:
        pass
