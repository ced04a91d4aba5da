# Claimline: migrates the database, then serves the API on port 8000 as a non-root user.
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install --no-cache-dir uv==0.13.8
WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY app ./app
RUN uv sync --frozen --no-dev --no-editable

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CLAIMLINE_HOST=0.0.0.0 \
    CLAIMLINE_DATABASE_URL=sqlite+aiosqlite:////data/claimline.sqlite3
RUN useradd --system --uid 10001 --home-dir /srv/claimline claimline \
    && mkdir -p /data /srv/claimline \
    && chown claimline /data
WORKDIR /srv/claimline
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
USER 10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"]
CMD ["sh", "-c", "claimline migrate && exec claimline serve"]
