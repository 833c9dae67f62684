# shellcheck shell=bash
# Sourced by .ci/run: makes sure Debian's chromium is installed for the browser test
# (tests/review/browser.test.ts drives it through playwright-core at /usr/bin/chromium and fails,
# rather than skips, when CI=true and it is missing). Fast when it is there already.

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
    return 0
  fi
  echo "chromium: not installed; installing Debian's chromium"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: apt-get not found; install chromium at /usr/bin/chromium" >&2
    return 1
  fi
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } || {
    echo "chromium: could not install chromium" >&2
    return 1
  }
  /usr/bin/chromium --version
}

ensure_chromium
