#!/usr/bin/env bash
# Installs (Debian packages) and starts a local PostgreSQL server for the cluster tests, creates their user and
# database, and prints the connection string that tests read from HB_TEST_POSTGRES.
# Idempotent: run it again and it only starts what is stopped. Needs root (CI and the dev machines run as root).
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

# The newest installed major version's default cluster ("main"); Debian creates it with the package.
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters --no-header | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" main start >&2
fi

user=hb_test password=hb_test database=hb_test
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"" | grep -q 1; then
    su postgres -c "createdb -O $user $database" >&2
fi

port=$(pg_lsclusters --no-header | awk -v v="$version" '$1==v && $2=="main" {print $3}')
echo "Host=127.0.0.1;Port=$port;Database=$database;Username=$user;Password=$password"
