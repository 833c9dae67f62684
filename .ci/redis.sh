# shellcheck shell=bash
# Sourced by .ci/run: makes sure a redis-server answers on 127.0.0.1:6379 for the store tests
# (tests/store/*.test.ts fail, rather than skip, the Redis suite when CI=true and it is unreachable).

redis_ping() {
  [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
}

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis_ping; then
    echo "redis: already answering on 127.0.0.1:6379"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis: redis-server not installed; installing"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server || {
      echo "redis: could not install redis-server" >&2
      return 1
    }
  fi
  mkdir -p /var/lib/redis /var/log/redis
  echo "redis: starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || {
    echo "redis: redis-server failed to start; see /var/log/redis/ci.log" >&2
    return 1
  }
  local i
  for i in $(seq 1 50); do
    if redis_ping; then
      echo "redis: answering after $((i * 200)) ms"
      return 0
    fi
    sleep 0.2
  done
  echo "redis: no answer on 127.0.0.1:6379 after 10 s; last log lines:" >&2
  tail -n 20 /var/log/redis/ci.log >&2 2>/dev/null
  return 1
}

ensure_redis
