# Sourced by cluster.sh: the cluster add-ons an EKS cluster comes with, as pods on the node:
# CoreDNS (addons/coredns.yaml) and metrics-server (addons/metrics-server.yaml).

ADDONS=(coredns metrics-server)

render_addon() {
  COREDNS_IMAGE="$COREDNS_IMAGE" METRICS_SERVER_IMAGE="$METRICS_SERVER_IMAGE" URR_CLUSTER_DNS_IP="$URR_CLUSTER_DNS_IP" \
    envsubst '${COREDNS_IMAGE} ${METRICS_SERVER_IMAGE} ${URR_CLUSTER_DNS_IP}' <"$NODE_SCRIPTS/addons/$1.yaml"
}

metrics_api_serves() { [[ "$(node_kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes 2>/dev/null)" == *"\"$NODE_NAME\""* ]]; }

addons_up() {
  local addon
  for addon in "${ADDONS[@]}"; do
    render_addon "$addon" | node_kubectl apply --server-side --force-conflicts --field-manager=urr-cluster -f - \
      >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || die "could not apply the $addon add-on; see $URR_LOG_DIR/cluster-addons.log"
  done
  node_kubectl -n kube-system rollout status deployment/coredns --timeout=120s >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 ||
    die "CoreDNS did not become ready; see kubectl -n kube-system describe pods -l k8s-app=kube-dns"
  node_kubectl -n kube-system rollout status deployment/metrics-server --timeout=120s >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 ||
    die "metrics-server did not become ready; see kubectl -n kube-system describe pods -l k8s-app=metrics-server"
  # The first scrape comes a resolution period (10 s) after metrics-server starts.
  wait_for metrics-server 120 metrics_api_serves
}

# Deletes the add-ons and waits for their pods to go while the kubelet still runs.
addons_down() {
  local addon
  for addon in "${ADDONS[@]}"; do
    render_addon "$addon" | node_kubectl delete --ignore-not-found --wait=false -f - >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
  done
  node_kubectl -n kube-system wait pods -l 'k8s-app in (kube-dns, metrics-server)' --for=delete --timeout=60s \
    >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
}
