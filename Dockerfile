# Partners: one image for web (the default command), the Celery worker and beat, and
# the one-shot migrate; docker-compose.yml sets each one's command.

# --- Front-end assets: built by the Makefile's own `assets` target ---------------------
FROM node:20 AS assets
WORKDIR /app
COPY Makefile package.json package-lock.json ./
COPY assets/ assets/
RUN make assets

# --- The application -----------------------------------------------------------------
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# The runtime dependencies only (no dev extras). The project itself is not a package
# (packages = []): its code runs from /app, so only pyproject.toml is needed here, and
# this layer is rebuilt only when the dependencies change.
COPY pyproject.toml /tmp/partners/
RUN pip install /tmp/partners && rm -rf /tmp/partners

WORKDIR /app
COPY . .
COPY --from=assets /app/static/build static/build

# Production settings refuse to load without these, so collectstatic gets throwaway
# build-only values on this line alone; the real ones come from the environment at run time.
RUN DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_SECRET_KEY=build-only-not-a-secret \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
    python manage.py collectstatic --noinput

# The code and the collected static files stay owned by root: the app only reads them.
RUN groupadd --system partners \
    && useradd --system --gid partners --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin partners
USER partners

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
