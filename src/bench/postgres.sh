# Sourced by the benchmarks that run on PostgreSQL: a cluster of the run's own (Debian's postgresql, installed when
# missing), on a free loopback port, with a socket folder under the run's work folder, removed with it.
#   postgres_start WORK     makes WORK/pg, starts it and sets pg_port, pgbin and as_pg (the prefix that runs a
#                           command as the postgres user when the bench runs as root)
#   postgres_createdb NAME  a database owned by the trust user herald
#   postgres_stop           stops the cluster at once (the bench's exit trap calls it)
#   postgres_url NAME       the JDBC URL of a database of the cluster
postgres_start() {
  local work=$1
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z $pgbin ]]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  as_pg=(); (( EUID == 0 )) && as_pg=(runuser -u postgres --)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_dir=$work/pg
  mkdir -p "$pg_dir/data" "$pg_dir/sock"
  (( EUID == 0 )) && chown -R postgres "$pg_dir"
  "${as_pg[@]}" "$pgbin/initdb" -D "$pg_dir/data" -U herald --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/sock/pg.log" -w \
    -o "-p $pg_port -k $pg_dir/sock -c listen_addresses=127.0.0.1" start >/dev/null
}
postgres_createdb() { "${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U herald "$1"; }
postgres_url() { echo "jdbc:postgresql://127.0.0.1:$pg_port/$1"; }
postgres_stop() {
  [[ -n ${pg_dir:-} ]] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
}
