#!/usr/bin/env bash
# Shared by the image scripts: where images and the base live, podman's settings, the Debian tools.
source "$(dirname "${BASH_SOURCE[0]}")/../local-stack/lib.sh"

IMAGES_SCRIPT_DIR="$REPO_DIR/scripts/images"
# OCI archives of the built images and their manifest, for importers such as a node's containerd.
URR_IMAGES_DIR="$URR_CACHE_DIR/images"
NODE_BASE_IMAGE="localhost/urr-node-base:20"
mkdir -p "$URR_IMAGES_DIR"

export CONTAINERS_CONF="$IMAGES_SCRIPT_DIR/containers.conf"

log() { printf '[images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

# ensure_container_tools — Debian's podman and buildah with what they run on, and debootstrap for the base.
ensure_container_tools() {
  apt_install podman buildah runc fuse-overlayfs slirp4netns uidmap containernetworking-plugins catatonit debootstrap
}

# lock_images — one image script at a time until this one exits (apt, the base and the manifest are shared).
lock_images() {
  exec 9>"$URR_IMAGES_DIR/.lock"
  flock --nonblock 9 && return 0
  log "waiting for another image build to finish"
  flock 9
}
