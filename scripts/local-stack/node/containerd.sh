# Sourced by cluster.sh: Debian's containerd with runc, as the node's container runtime. Its root,
# state and socket are under the node's state dir; its CRI plugin uses our pause image as the
# sandbox image, cgroupfs (the machine has a hybrid cgroup v1/v2 layout) and the node's CNI config.

containerd_config() {
  local sandbox_image="$1"
  cat <<CONFIG
version = 2
root = "$CONTAINERD_DIR/root"
state = "$CONTAINERD_DIR/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$CONTAINERD_SOCK"

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$CONTAINERD_DIR/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$sandbox_image"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  disable_apparmor = true
  # Without CAP_SYS_RESOURCE (this machine's root lacks it) no process may lower its OOM score,
  # and the kubelet asks for -998 for sandboxes: keep every score at or above containerd's own.
  restrict_oom_score_adj = true

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  BinaryName = "$(command -v runc)"
  SystemdCgroup = false

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = "$CNI_CONF_DIR"
  max_conf_num = 1
CONFIG
}

containerd_ready() { node_ctr version >/dev/null 2>&1 && node_crictl info >/dev/null 2>&1; }

# containerd_up SANDBOX_IMAGE
containerd_up() {
  apt_install containerd runc
  mkdir -p "$CONTAINERD_DIR"; chmod 711 "$CONTAINERD_DIR"
  containerd_config "$1" | write_if_changed "$CONTAINERD_DIR/config.toml"
  ensure_daemon containerd "$CONTAINERD_DIR/config.toml" -- "$(command -v containerd)" --config "$CONTAINERD_DIR/config.toml"
  wait_for containerd 60 containerd_ready
}

has_image() { [[ $'\n'"$(node_ctr images ls -q)"$'\n' == *$'\n'"$1"$'\n'* ]]; }

# import_image NAME ARCHIVE — imports an OCI archive into the k8s.io namespace unless NAME is there.
import_image() {
  has_image "$1" && return 0
  node_ctr images import "$2" >>"$URR_LOG_DIR/containerd.log" 2>&1 ||
    die "could not import $2 into containerd; see $URR_LOG_DIR/containerd.log"
  has_image "$1" || die "$2 did not hold the image $1"
}

# The shims outlive containerd: find ours by the socket they were started for.
our_shims() {
  local pid
  for pid in $(pgrep -f containerd-shim-runc-v2 || true); do
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF "$CONTAINERD_SOCK" && echo "$pid"
  done
  return 0
}

# containerd_down — removes every pod sandbox through the CRI (CNI teardown included), then stops
# containerd and any shim of ours that is left.
containerd_down() {
  if [ -S "$CONTAINERD_SOCK" ] && containerd_ready; then
    node_crictl rmp --all --force >>"$URR_LOG_DIR/containerd.log" 2>&1 || log "crictl rmp failed; see $URR_LOG_DIR/containerd.log"
  fi
  stop_node_daemon containerd "$(command -v containerd || echo containerd)"
  local pid
  for pid in $(our_shims); do kill -KILL "$pid" 2>/dev/null || true; done
}
