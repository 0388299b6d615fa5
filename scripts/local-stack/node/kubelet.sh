# Sourced by cluster.sh: the kubelet of the one node. Its API (logs, exec, metrics for
# metrics-server) listens on the node's bridge address, its health port on loopback, and its
# read-only port is off. Pods' logs, volumes and cgroups stay under the node's state dir / cgroup.

kubelet_config() {
  cat <<CONFIG
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $URR_NODE_IP
port: $URR_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $URR_KUBELET_HEALTHZ_PORT
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $NODE_PKI/ca.crt
authorization:
  mode: Webhook
tlsCertFile: $NODE_PKI/kubelet.crt
tlsPrivateKeyFile: $NODE_PKI/kubelet.key
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupRoot: /$NODE_CGROUP
failCgroupV1: false
clusterDNS:
  - $URR_CLUSTER_DNS_IP
clusterDomain: cluster.local
resolvConf: ""
podLogsDir: $NODE_DIR/pod-logs
failSwapOn: false
protectKernelDefaults: false
serializeImagePulls: false
# The node's images (URR's, the pause sandbox) are imported, never pulled: one removed by image GC on a
# full disk could not come back, so GC never runs, and eviction waits for a disk that is really full.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "2%"
  nodefs.inodesFree: "2%"
  imagefs.available: "2%"
rotateCertificates: false
serverTLSBootstrap: false
CONFIG
}

# The pods' cgroup root must exist in every hierarchy before the kubelet starts.
cgroup_dirs() { find /sys/fs/cgroup -mindepth 1 -maxdepth 2 -name "$NODE_CGROUP" -type d 2>/dev/null; }
make_cgroup_root() {
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    [ -f "$hierarchy/cgroup.procs" ] && mkdir -p "$hierarchy$NODE_CGROUP"
  done
  [ -f /sys/fs/cgroup/cgroup.procs ] && mkdir -p "/sys/fs/cgroup/$NODE_CGROUP"
  return 0
}

kubelet_healthy() { http_ok "http://127.0.0.1:$URR_KUBELET_HEALTHZ_PORT/healthz"; }

kubelet_up() {
  mkdir -p "$KUBELET_DIR" "$NODE_DIR/pod-logs"
  kubelet_config | write_if_changed "$NODE_DIR/kubelet-config.yaml"
  make_cgroup_root
  ensure_daemon kubelet "$NODE_DIR/kubelet-config.yaml" "$NODE_DIR/kubelet-client.kubeconfig" -- "$(kube_bin kubelet)" \
    --config="$NODE_DIR/kubelet-config.yaml" --kubeconfig="$NODE_DIR/kubelet-client.kubeconfig" \
    --root-dir="$KUBELET_DIR" --hostname-override="$NODE_NAME" --node-ip="$URR_NODE_IP"
  wait_for kubelet 120 kubelet_healthy
}

kubelet_down() { stop_node_daemon kubelet "$(kube_bin kubelet)"; }

# Whatever the kubelet mounted (volumes, token files) and what containerd left: innermost first.
unmount_node_dir() {
  local mount
  awk -v dir="$NODE_DIR/" 'index($2, dir) == 1 {print $2}' /proc/self/mounts | sort -r |
    while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
}

# The chains the kubelet made (its canaries and the localnet firewall), in both address families.
remove_kubelet_chains() {
  local cmd table chain parent
  for cmd in iptables ip6tables; do
    command -v "$cmd" >/dev/null || continue
    for parent in INPUT OUTPUT; do
      while "$cmd" -w -C "$parent" -j KUBE-FIREWALL 2>/dev/null; do "$cmd" -w -D "$parent" -j KUBE-FIREWALL; done
    done
    for table in filter nat mangle; do
      for chain in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
        "$cmd" -w -t "$table" -F "$chain" 2>/dev/null && "$cmd" -w -t "$table" -X "$chain" 2>/dev/null
      done
    done
  done
  return 0
}

remove_cgroup_root() {
  local dir
  for dir in $(cgroup_dirs); do
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}
