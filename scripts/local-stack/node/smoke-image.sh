#!/usr/bin/env bash
# Builds the cluster smoke test's image here and imports it into the node's containerd: Debian's
# static busybox serving /www over HTTP on :8080 as a non-root user. Prints the image's name.
#
#   smoke-image.sh PAGE_TEXT   the image serves PAGE_TEXT as /index.html; tagged by its digest
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=containerd.sh
source "$NODE_SCRIPTS/containerd.sh"

[ $# -eq 1 ] || die "usage: smoke-image.sh PAGE_TEXT"
containerd_ready || die "the node's containerd is not running: run npm run cluster first"
apt_install busybox-static >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/www"
cp /bin/busybox "$work/rootfs/bin/busybox"
printf '%s\n' "$1" >"$work/rootfs/www/index.html"
image="localhost/urr/smoke-web:$(printf '%s' "$1" | sha256sum | cut -c1-12)"
bash "$NODE_SCRIPTS/oci-archive.sh" "$image" "$work/rootfs" "$work/image.tar" 65532:65532 -- \
  /bin/busybox httpd -f -p 8080 -h /www
import_image "$image" "$work/image.tar"
echo "$image"
