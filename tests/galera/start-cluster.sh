#!/usr/bin/env bash
# Starts a 3-node MariaDB Galera cluster on loopback for tests/galera: SQL ports 3311-3313, root without a
# password over TCP, data under ${GALERA_ROOT:-/tmp/veterans-galera}. Installs Debian's galera-4, mariadb-server
# and rsync when missing. Run it as root (the servers run as the user mysql, which rsync SST needs).
# `start-cluster.sh stop` stops the nodes; `start-cluster.sh start-node N` restarts one stopped node (it rejoins
# with IST/SST).
set -euo pipefail

ROOT="${GALERA_ROOT:-/tmp/veterans-galera}"
NODES=(1 2 3)
PROVIDER=/usr/lib/galera/libgalera_smm.so

sql_port() { echo $((3310 + $1)); }
wsrep_port() { echo $((4560 + 10 * $1)); }
cluster_address() { echo "gcomm://127.0.0.1:$(wsrep_port 1),127.0.0.1:$(wsrep_port 2),127.0.0.1:$(wsrep_port 3)"; }

install_packages() {
  if [ ! -e "$PROVIDER" ] || ! command -v mariadbd >/dev/null 2>&1 || ! command -v rsync >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || true
    apt-get install -y -q galera-4 mariadb-server rsync
  fi
}

write_config() {
  local n=$1 dir="$ROOT/node$1" wp
  wp=$(wsrep_port "$n")
  mkdir -p "$dir/data" "$dir/tmp"
  cat >"$dir/my.cnf" <<CNF
[mysqld]
user=mysql
datadir=$dir/data
tmpdir=$dir/tmp
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=0
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
max_connections=300
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=veterans_galera_test
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$wp
wsrep_provider_options="base_port=$wp;ist.recv_addr=127.0.0.1:$((wp + 1));gcache.size=64M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((wp + 2))
wsrep_slave_threads=2
CNF
  chown -R mysql:mysql "$dir"
}

wait_ready() {
  local n=$1
  for _ in $(seq 1 90); do
    if [ "$(mariadb -uroot -h127.0.0.1 -P"$(sql_port "$n")" --protocol=tcp -N -e "SHOW STATUS LIKE 'wsrep_ready'" 2>/dev/null | awk '{print $2}')" = ON ]; then
      return 0
    fi
    sleep 1
  done
  echo "node$n did not become ready; see $ROOT/node$n/error.log" >&2
  tail -n 40 "$ROOT/node$n/error.log" >&2 || true
  return 1
}

start_node() {
  local n=$1 extra=${2:-}
  # shellcheck disable=SC2086
  start-stop-daemon --start --background --pidfile "$ROOT/node$n/daemon.pid" --make-pidfile \
    --exec /usr/sbin/mariadbd -- --defaults-file="$ROOT/node$n/my.cnf" $extra
  wait_ready "$n"
}

stop_cluster() {
  for n in 3 2 1; do
    if [ -f "$ROOT/node$n/daemon.pid" ]; then
      start-stop-daemon --stop --oknodo --retry 30 --pidfile "$ROOT/node$n/daemon.pid" || true
      rm -f "$ROOT/node$n/daemon.pid"
    fi
  done
}

case "${1:-start}" in
  stop)
    stop_cluster
    ;;
  start-node)
    start_node "$2"
    ;;
  start)
    install_packages
    stop_cluster
    rm -rf "$ROOT"
    for n in "${NODES[@]}"; do
      write_config "$n"
      # Root without a password on 127.0.0.1 (as the single-node tests expect); joiners get node 1's data by SST.
      mariadb-install-db --defaults-file="$ROOT/node$n/my.cnf" --auth-root-authentication-method=normal \
        --skip-test-db >"$ROOT/node$n/install.log" 2>&1
    done
    start_node 1 --wsrep-new-cluster
    start_node 2
    start_node 3
    mariadb -uroot -h127.0.0.1 -P3311 --protocol=tcp -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'"
    ;;
  *)
    echo "usage: $0 [start|stop|start-node N]" >&2
    exit 2
    ;;
esac
