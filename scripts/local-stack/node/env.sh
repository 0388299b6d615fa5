# Sourced by cluster.sh and the node's scripts: where the local node lives and how its daemons are
# started. Its state is all under $URR_STATE_DIR/node, so `npm run cluster -- down` removes it whole.
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# shellcheck source=../kube-build.sh
source "$STACK_DIR/kube-build.sh"
# shellcheck source=../kube-pki.sh
source "$STACK_DIR/kube-pki.sh"

NODE_SCRIPTS="$STACK_DIR/node"
NODE_NAME=urr-node
NODE_DIR="$URR_STATE_DIR/node"
NODE_PKI="$NODE_DIR/pki"
KUBE_PKI="$URR_STATE_DIR/kube/pki"
ADMIN_KUBECONFIG="$URR_STATE_DIR/kube/kubeconfig"
KUBE_URL="https://127.0.0.1:$URR_KUBE_PORT"
CONTAINERD_DIR="$NODE_DIR/containerd"
CONTAINERD_SOCK="$CONTAINERD_DIR/containerd.sock"
KUBELET_DIR="$NODE_DIR/kubelet"
CNI_CONF_DIR="$NODE_DIR/cni/net.d"
NODE_BRIDGE=urr0
# Pod cgroups live under their own root in every hierarchy, so down can remove them.
NODE_CGROUP=urr-node

node_kubectl() { kubectl --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }
node_crictl() { "$CRICTL_BIN" --runtime-endpoint "unix://$CONTAINERD_SOCK" --image-endpoint "unix://$CONTAINERD_SOCK" "$@"; }
node_ctr() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# The ports the node's daemons listen on: daemon, address, port's name in ports.env.
NODE_PORTS=(
  "kube-controller-manager 127.0.0.1 URR_KUBE_CONTROLLER_MANAGER_PORT"
  "kube-scheduler 127.0.0.1 URR_KUBE_SCHEDULER_PORT"
  "kubelet 127.0.0.1 URR_KUBELET_HEALTHZ_PORT"
  "kubelet $URR_NODE_IP URR_KUBELET_PORT"
  "kube-proxy 127.0.0.1 URR_KUBE_PROXY_HEALTHZ_PORT"
  "kube-proxy 127.0.0.1 URR_KUBE_PROXY_METRICS_PORT"
  "apiserver-forward $URR_NODE_IP URR_KUBE_PORT"
  "postgres-forward $URR_NODE_IP URR_PG_PORT"
  "redis-forward $URR_NODE_IP URR_REDIS_PORT"
  "kafka-forward $URR_NODE_IP URR_KAFKA_POD_PORT"
  "aws-forward $URR_NODE_IP URR_AWS_PORT"
)

# require_free_ports — before anything starts: stops with one line when another process listens on
# a port of a node daemon that is not running. The node's address is only checked once it exists
# (before that, a connection to it would leave the machine).
require_free_ports() {
  local entry daemon address variable local_addresses
  local_addresses=" $(ip -o -4 addr show | awk '{print $4}' | tr '\n' ' ')"
  for entry in "${NODE_PORTS[@]}"; do
    read -r daemon address variable <<<"$entry"
    is_running "$daemon" && continue
    [[ "$local_addresses" == *" $address/"* ]] || continue
    if (exec 3<>"/dev/tcp/$address/${!variable}") 2>/dev/null; then
      die "port ${!variable} on $address (for $daemon) is taken by another process: stop it (ss -ltnp 'sport = :${!variable}') or set another $variable in scripts/local-stack/ports.env"
    fi
  done
}

# ensure_daemon NAME [CONFIG_FILE...] -- CMD... — starts CMD as NAME unless NAME already runs with
# the same command line and the same config files; a change of either restarts it.
ensure_daemon() {
  local name="$1" files=() spec spec_file
  shift
  while [ "$1" != -- ]; do files+=("$1"); shift; done
  shift
  spec_file="$URR_PID_DIR/$name.spec"
  spec="$({ printf '%s\n' "$@"; [ ${#files[@]} -eq 0 ] || cat "${files[@]}"; } | sha256sum | cut -c1-32)"
  forget_stale "$name" "$1"
  if is_running "$name" && [ "$(cat "$spec_file" 2>/dev/null)" = "$spec" ]; then return 0; fi
  stop_daemon "$name"
  start_daemon "$name" "$@"
  echo "$spec" >"$spec_file"
}

# stop_node_daemon NAME BIN — stops NAME if its pid file names a live BIN, and forgets its spec.
stop_node_daemon() {
  forget_stale "$1" "$2"
  stop_daemon "$1"
  rm -f "$URR_PID_DIR/$1.spec"
}

https_ok() { curl -fsk --max-time 2 "$1" -o /dev/null; }
http_ok() { curl -fs --max-time 2 "$1" -o /dev/null; }
