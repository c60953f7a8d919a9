#!/usr/bin/env bash
# Installs (if needed) and starts PostgreSQL 15 from Debian's packages, and creates the test role and
# database. Prints the TEST_DATABASE_URL to use. Run as root (CI and the development machines are).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql/15/main ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_ctlcluster 15 main start >/dev/null 2>&1 || pg_ctlcluster 15 main status >/dev/null
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'conform') THEN
    CREATE ROLE conform LOGIN PASSWORD 'conform';
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'conform_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O conform conform_test"
echo "postgres://conform:conform@127.0.0.1:5432/conform_test"
