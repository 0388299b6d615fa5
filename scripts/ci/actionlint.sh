#!/usr/bin/env bash
# actionlint, the linter of GitHub Actions workflows, built once from its Go module into the cache, with
# Debian's shellcheck beside it so that every `run:` script is checked too (docs/adr/0024-release-pipeline.md).
#
#   bash scripts/ci/actionlint.sh              builds it when missing; prints the binary's path
#   bash scripts/ci/actionlint.sh lint [ARG…]  then lints .github/workflows (actionlint's own arguments)
source "$(dirname "${BASH_SOURCE[0]}")/../local-stack/lib.sh"

ACTIONLINT_MODULE="github.com/rhysd/actionlint"
ACTIONLINT_VERSION="v1.7.12"
ACTIONLINT_DIR="$URR_CACHE_DIR/actionlint/$ACTIONLINT_VERSION"
ACTIONLINT_BIN="$ACTIONLINT_DIR/actionlint"

log() { printf '[actionlint %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

actionlint_current() {
  [ -x "$ACTIONLINT_BIN" ] && [ "$("$ACTIONLINT_BIN" -version 2>/dev/null | head -n 1)" = "$ACTIONLINT_VERSION" ]
}

ensure_actionlint() {
  actionlint_current && return 0
  command -v go >/dev/null 2>&1 || die "go is not installed (needed once to build actionlint $ACTIONLINT_VERSION)"
  log "building actionlint $ACTIONLINT_VERSION from $ACTIONLINT_MODULE (first run only; about a minute on a cold Go cache)"
  mkdir -p "$ACTIONLINT_DIR"
  local tmp started=$SECONDS
  tmp="$(mktemp -d "$ACTIONLINT_DIR/build.XXXXXX")"
  # go prints each module it downloads: that is the progress shown.
  GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    go install -trimpath "$ACTIONLINT_MODULE/cmd/actionlint@$ACTIONLINT_VERSION" \
    || { rm -rf "$tmp"; die "go install $ACTIONLINT_MODULE/cmd/actionlint@$ACTIONLINT_VERSION failed"; }
  mv "$tmp/actionlint" "$ACTIONLINT_BIN"
  rm -rf "$tmp"
  actionlint_current || die "$ACTIONLINT_BIN does not report version $ACTIONLINT_VERSION"
  log "actionlint $ACTIONLINT_VERSION built in $((SECONDS - started)) s: $ACTIONLINT_BIN"
}

ensure_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
}

ensure_actionlint
ensure_shellcheck
case "${1:-path}" in
  path) echo "$ACTIONLINT_BIN" ;;
  lint) shift; cd "$REPO_DIR" && exec "$ACTIONLINT_BIN" "$@" ;;
  *) die "usage: scripts/ci/actionlint.sh [path | lint [actionlint arguments]]" ;;
esac
