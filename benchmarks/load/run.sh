#!/usr/bin/env bash
# `make load`: the load test through gunicorn (as the Dockerfile runs it, with production
# settings apart from HTTPS) on the PostgreSQL database in DATABASE_URL, filled by seed_scale
# if it is empty. Headless locust for each number of users in LOAD_USERS, each for
# LOAD_TIME; the CSV summaries go to var/load/. docs/performance.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?Set DATABASE_URL to a PostgreSQL database the load test may fill}"
BIN=.venv/bin
USERS=${LOAD_USERS:-10 25 50}
RUN_TIME=${LOAD_TIME:-60s}
PORT=${LOAD_PORT:-8011}
OUT=var/load
mkdir -p "$OUT"

# Filling runs with the local settings (seed_scale and load_prepare refuse without DEBUG).
$BIN/python manage.py migrate --noinput -v0
if [ "$($BIN/python manage.py shell -v 0 -c 'from participation.models import YoungPerson; print(YoungPerson.objects.count())')" -lt 1000 ]; then
  $BIN/python manage.py seed_scale
fi
$BIN/python manage.py load_prepare --out "$OUT/accounts.json"

export DJANGO_SETTINGS_MODULE=config.settings.load
export DJANGO_SECRET_KEY=load-test-only-not-a-secret
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export PARTNERS_PORTAL_FROM_EMAIL=portal@example.invalid
$BIN/python manage.py collectstatic --noinput -v0
$BIN/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 3 \
  --pid "$OUT/gunicorn.pid" --daemon --error-logfile "$OUT/gunicorn.log"
trap 'kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.5; done

for users in $USERS; do
  echo "== $users users for $RUN_TIME"
  # Fresh accounts for each run: a sign-in code is good once.
  DJANGO_SETTINGS_MODULE=config.settings.local $BIN/python manage.py load_prepare \
    --out "$OUT/accounts.json" >/dev/null
  LOAD_ACCOUNTS="$OUT/accounts.json" $BIN/locust -f benchmarks/load/locustfile.py \
    --host "http://127.0.0.1:$PORT" --headless --users "$users" --spawn-rate 5 \
    --run-time "$RUN_TIME" --csv "$OUT/users-$users" --only-summary 2>&1 | tail -n 40
done
