#!/usr/bin/env bash
# A real single-node Kubernetes cluster on this machine, beside the local stack's API server:
# kube-controller-manager, kube-scheduler, containerd + runc, the kubelet, kube-proxy, CoreDNS and
# metrics-server (docs/adr/0013-local-node-stands-in-for-eks.md), and Argo Rollouts' controller
# (docs/adr/0023-argo-rollouts-on-the-local-node.md).
#
#   cluster.sh [up]   build what is missing (once), start what is not running; idempotent
#   cluster.sh down   remove the node: its pods, add-ons, daemons, mounts, network and state
#   cluster.sh status the node and the pods on it
#   cluster.sh import ARCHIVE...   import OCI/docker image archives into the node's containerd
#   cluster.sh deploy  URR from its rendered manifests, synced as Argo CD syncs them (docs/adr/0031-urr-synced-onto-the-local-node.md)
# shellcheck source=node/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/node/env.sh"
for part in pki network containerd images control-plane service-proxy server-forwards kubelet addons rollouts; do
  # shellcheck source=/dev/null
  source "$NODE_SCRIPTS/$part.sh"
done

STEPS=10
step() { log "[$1/$STEPS] $2"; }

node_registered() { node_kubectl get node "$NODE_NAME" >/dev/null 2>&1; }
node_ready() {
  [ "$(node_kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
api_up() { node_kubectl get --raw /readyz >/dev/null 2>&1; }

up() {
  local started=$SECONDS
  [ "$(id -u)" -eq 0 ] || die "the node needs root (network, mounts, cgroups): run npm run cluster as root"
  require_free_ports
  step 1 "API server (etcd, kube-apiserver)"
  bash "$STACK_DIR/kube.sh" start
  step 2 "binaries: controller-manager, scheduler, kubelet, kube-proxy, crictl, CoreDNS, metrics-server, pause, Argo Rollouts"
  apt_install gettext-base procps
  build_kube kube-controller-manager kube-scheduler kubelet kube-proxy
  build_node_companions
  build_rollouts
  step 3 "identities of the node's daemons"
  mkdir -p "$NODE_DIR"; chmod 711 "$NODE_DIR"
  node_pki
  step 4 "network: bridge $NODE_BRIDGE ($URR_NODE_IP, pods in $URR_POD_CIDR)"
  network_up
  step 5 "containerd and the node's images"
  containerd_up "$PAUSE_IMAGE"
  node_images
  step 6 "kube-controller-manager and kube-scheduler"
  control_plane_up
  step 7 "kubelet"
  kubelet_up
  wait_for kubelet 120 node_registered
  step 8 "kube-proxy and the pods' way to the API server and to the servers outside the node"
  service_proxy_up
  server_forwards_up
  wait_for kubelet 120 node_ready
  step 9 "add-ons: CoreDNS, metrics-server"
  addons_up
  step 10 "Argo Rollouts' controller"
  rollouts_up
  log "cluster up in $((SECONDS - started)) s: node $NODE_NAME Ready; export KUBECONFIG=$ADMIN_KUBECONFIG (kubectl get nodes, kubectl top pods -A); remove it with: npm run cluster -- down"
}

down() {
  local started=$SECONDS
  if api_up; then
    log "deleting the add-ons"
    rollouts_down
    addons_down
  fi
  log "stopping the kubelet and removing every pod from containerd"
  kubelet_down
  containerd_down
  log "stopping kube-proxy, the forwards, the controller-manager and the scheduler"
  server_forwards_down
  service_proxy_down
  control_plane_down
  if api_up; then
    log "deleting node $NODE_NAME and the pods bound to it from the API"
    node_kubectl delete pods --all-namespaces --field-selector "spec.nodeName=$NODE_NAME" --force --grace-period=0 \
      >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
    node_kubectl delete node "$NODE_NAME" --ignore-not-found >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
  fi
  log "unmounting, removing the network, cgroups and $NODE_DIR"
  unmount_node_dir
  remove_kubelet_chains
  network_down
  remove_cgroup_root
  rm -rf "$NODE_DIR"
  log "cluster down in $((SECONDS - started)) s (the stack's API server and etcd keep running; npm run stack:down stops them)"
}

status() {
  node_kubectl get nodes -o wide
  node_kubectl get pods --all-namespaces -o wide
}

# import ARCHIVE... — images built elsewhere (podman save --format oci-archive) onto the node.
import() {
  [ $# -gt 0 ] || die "usage: cluster.sh import ARCHIVE..."
  containerd_ready || die "the node's containerd is not running: run npm run cluster first"
  local archive
  for archive in "$@"; do
    node_ctr images import "$archive" >>"$URR_LOG_DIR/containerd.log" 2>&1 || die "could not import $archive; see $URR_LOG_DIR/containerd.log"
    log "imported $archive"
  done
}

command="${1:-up}"
case "$command" in
  up | down | status) "$command" ;;
  import) shift; import "$@" ;;
  deploy) shift; cd "$REPO_DIR" && exec node --import tsx scripts/cluster-deploy/deploy.ts "$@" ;;
  *) die "unknown command '$command': use npm run cluster [-- up | down | status | import ARCHIVE... | deploy]" ;;
esac
