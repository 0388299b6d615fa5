# Sourced by cluster.sh: kube-controller-manager and kube-scheduler beside the stack's API server,
# on loopback, each with its own identity (node_pki) and no leader election (one of each).

control_plane_up() {
  local kcm sched
  kcm="$(kube_bin kube-controller-manager)"
  sched="$(kube_bin kube-scheduler)"

  # Each controller acts as its own ServiceAccount; the token controller signs with the API
  # server's key and publishes the cluster CA (kube-root-ca.crt) that pods' token volumes carry.
  ensure_daemon kube-controller-manager "$NODE_DIR/kube-controller-manager.kubeconfig" -- "$kcm" \
    --kubeconfig="$NODE_DIR/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig="$NODE_DIR/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig="$NODE_DIR/kube-controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$URR_KUBE_CONTROLLER_MANAGER_PORT" --leader-elect=false \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$KUBE_PKI/sa.key" --root-ca-file="$KUBE_PKI/ca.crt" \
    --cluster-signing-cert-file="$KUBE_PKI/ca.crt" --cluster-signing-key-file="$KUBE_PKI/ca.key" \
    --service-cluster-ip-range="$URR_SERVICE_CIDR" --cluster-cidr="$URR_POD_CIDR" --allocate-node-cidrs=false \
    --profiling=false
  ensure_daemon kube-scheduler "$NODE_DIR/kube-scheduler.kubeconfig" -- "$sched" \
    --kubeconfig="$NODE_DIR/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig="$NODE_DIR/kube-scheduler.kubeconfig" \
    --authorization-kubeconfig="$NODE_DIR/kube-scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$URR_KUBE_SCHEDULER_PORT" --leader-elect=false --profiling=false
  wait_for kube-controller-manager 60 https_ok "https://127.0.0.1:$URR_KUBE_CONTROLLER_MANAGER_PORT/healthz"
  wait_for kube-scheduler 60 https_ok "https://127.0.0.1:$URR_KUBE_SCHEDULER_PORT/healthz"
}

control_plane_down() {
  stop_node_daemon kube-scheduler "$(kube_bin kube-scheduler)"
  stop_node_daemon kube-controller-manager "$(kube_bin kube-controller-manager)"
}
