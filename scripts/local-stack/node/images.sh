# Sourced by cluster.sh: the node's own images, each one static binary in one layer, written as
# OCI archives by oci-archive.sh and imported into containerd's k8s.io namespace. They are tagged by
# the cache key of their binary, so a new build is a new image.

image_tag() { local dir; dir="$(basename "$(dirname "$1")")"; echo "${dir#"$2"-}"; }
PAUSE_IMAGE="localhost/urr/pause:$(image_tag "$PAUSE_BIN" pause)"
COREDNS_IMAGE="localhost/urr/coredns:$(image_tag "$COREDNS_BIN" coredns)"
METRICS_SERVER_IMAGE="localhost/urr/metrics-server:$(image_tag "$METRICS_SERVER_BIN" metrics-server)"

# binary_image IMAGE BIN USER — imports IMAGE: BIN at /<its file name>, its entry point, run as USER.
binary_image() {
  local image="$1" bin="$2" user="$3" work
  has_image "$image" && return 0
  work="$(mktemp -d)"
  mkdir -p "$work/rootfs/tmp"; chmod 1777 "$work/rootfs/tmp"
  cp "$bin" "$work/rootfs/$(basename "$bin")"
  bash "$NODE_SCRIPTS/oci-archive.sh" "$image" "$work/rootfs" "$work/image.tar" "$user" -- "/$(basename "$bin")"
  import_image "$image" "$work/image.tar"
  rm -rf "$work"
}

node_images() {
  binary_image "$PAUSE_IMAGE" "$PAUSE_BIN" 65535:65535
  binary_image "$COREDNS_IMAGE" "$COREDNS_BIN" 65532:65532
  binary_image "$METRICS_SERVER_IMAGE" "$METRICS_SERVER_BIN" 65532:65532
}
