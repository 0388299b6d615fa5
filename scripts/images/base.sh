#!/usr/bin/env bash
# Builds localhost/urr-node-base:20, the local stand-in for a public Node 20 image: Debian bookworm minbase
# (debootstrap, from the apt mirror this machine already uses) with this machine's own Node 20 and npm.
# Rebuilt only when missing, when this machine's node changes or when this recipe changes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEBIAN_BASE_IMAGE="localhost/urr-debian-base:bookworm"

# debian_mirror [FILE...] — the mirror of the first apt source that serves bookworm itself, from either
# sources format (default: this machine's /etc/apt/sources.list*).
debian_mirror() {
  local files=() file
  [ $# -gt 0 ] || set -- /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources
  for file in "$@"; do
    [ -f "$file" ] && files+=("$file")
  done
  [ ${#files[@]} -gt 0 ] || return 0
  awk '
    function has_bookworm(list,   n, i, words) {
      n = split(list, words, /[ \t]+/)
      for (i = 1; i <= n; i++) if (words[i] == "bookworm") return 1
      return 0
    }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { types = uris = suites = ""; next }
      if (tolower($1) == "types:") types = $0
      if (tolower($1) == "uris:") uris = $2
      if (tolower($1) == "suites:") { sub(/^[^:]*:[ \t]*/, ""); suites = $0 }
      if (types ~ /[ \t]deb([ \t]|$)/ && uris != "" && has_bookworm(suites)) { print uris; exit }
      next
    }
    $1 == "deb" {
      i = 2
      if ($2 ~ /^\[/) while ($i !~ /\]$/) i++
      if ($2 ~ /^\[/) i++
      if ($(i + 1) == "bookworm") { print $i; exit }
    }
  ' "${files[@]}"
}

image_label() { podman image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

ensure_debian_base() {
  podman image exists "$DEBIAN_BASE_IMAGE" && return 0
  local mirror rootfs started=$SECONDS
  mirror="$(debian_mirror)"
  [ -n "$mirror" ] || die "no apt source for bookworm in /etc/apt/sources.list*; add the Debian mirror this machine uses"
  rootfs="$(mktemp -d "$URR_IMAGES_DIR/debootstrap.XXXXXX")"
  log "debootstrap --variant=minbase bookworm (about 40 s; log: $URR_LOG_DIR/debootstrap.log)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$URR_LOG_DIR/debootstrap.log" 2>&1 \
    || { rm -rf "$rootfs"; die "debootstrap failed; see $URR_LOG_DIR/debootstrap.log"; }
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*
  tar -C "$rootfs" -c . | podman import --quiet - "$DEBIAN_BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "imported $DEBIAN_BASE_IMAGE in $((SECONDS - started)) s"
}

# ensure_node_base — prints nothing; leaves $NODE_BASE_IMAGE current.
ensure_node_base() {
  local node npm_dir version recipe context
  node="$(readlink -f "$(command -v node)")" || die "node is not on PATH; install Node 20"
  version="$("$node" --version)"
  [[ "$version" == v20.* ]] || die "the base needs this machine's Node 20, found node $version at $node"
  npm_dir="$(dirname "$node")/../lib/node_modules/npm"
  [ -f "$npm_dir/bin/npm-cli.js" ] || die "npm is not installed beside $node (looked in $npm_dir)"
  recipe="$(cat "$IMAGES_SCRIPT_DIR/base.sh" "$IMAGES_SCRIPT_DIR/node-base.Containerfile" | sha256sum | cut -c1-16)"
  if [ "$(image_label "$NODE_BASE_IMAGE" urr.node-version)" = "$version" ] \
    && [ "$(image_label "$NODE_BASE_IMAGE" urr.base-recipe)" = "$recipe" ]; then
    log "$NODE_BASE_IMAGE is current (node $version)"
    return 0
  fi
  ensure_debian_base
  log "building $NODE_BASE_IMAGE from $DEBIAN_BASE_IMAGE and this machine's node $version"
  context="$(mktemp -d "$URR_IMAGES_DIR/node-base.XXXXXX")"
  cp "$node" "$context/node"
  cp -r "$npm_dir" "$context/npm"
  podman build --quiet --file "$IMAGES_SCRIPT_DIR/node-base.Containerfile" \
    --build-arg "DEBIAN_BASE=$DEBIAN_BASE_IMAGE" \
    --label "urr.node-version=$version" --label "urr.base-recipe=$recipe" \
    --tag "$NODE_BASE_IMAGE" "$context" >"$URR_LOG_DIR/node-base.log" 2>&1 \
    || { rm -rf "$context"; die "building $NODE_BASE_IMAGE failed; see $URR_LOG_DIR/node-base.log"; }
  rm -rf "$context"
  log "built $NODE_BASE_IMAGE"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  lock_images
  ensure_container_tools
  ensure_node_base
fi
