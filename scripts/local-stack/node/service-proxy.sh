# Sourced by cluster.sh: Services on the node. kube-proxy (iptables mode) turns ClusterIPs into
# pod addresses, and NodePorts into ports on loopback only. The API server listens on loopback,
# which pods cannot reach, so the `kubernetes` Service's endpoint (the node's address, which the
# API server advertises) is forwarded to it by socat.

kube_proxy_config() {
  cat <<CONFIG
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $NODE_DIR/kube-proxy.kubeconfig
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $URR_POD_CIDR
bindAddress: $URR_NODE_IP
healthzBindAddress: 127.0.0.1:$URR_KUBE_PROXY_HEALTHZ_PORT
metricsBindAddress: 127.0.0.1:$URR_KUBE_PROXY_METRICS_PORT
nodePortAddresses:
  - 127.0.0.1/32
iptables:
  localhostNodePorts: true
conntrack:
  maxPerCore: 0
CONFIG
}

kube_proxy_healthy() { http_ok "http://127.0.0.1:$URR_KUBE_PROXY_HEALTHZ_PORT/livez"; }
apiserver_forward_ok() { (exec 3<>"/dev/tcp/$URR_NODE_IP/$URR_KUBE_PORT") 2>/dev/null; }

service_proxy_up() {
  apt_install socat conntrack
  kube_proxy_config | write_if_changed "$NODE_DIR/kube-proxy-config.yaml"
  ensure_daemon kube-proxy "$NODE_DIR/kube-proxy-config.yaml" "$NODE_DIR/kube-proxy.kubeconfig" -- \
    "$(kube_bin kube-proxy)" --config="$NODE_DIR/kube-proxy-config.yaml"
  ensure_daemon apiserver-forward -- "$(command -v socat)" \
    "TCP-LISTEN:$URR_KUBE_PORT,bind=$URR_NODE_IP,reuseaddr,fork" "TCP:127.0.0.1:$URR_KUBE_PORT"
  wait_for kube-proxy 60 kube_proxy_healthy
  wait_for apiserver-forward 20 apiserver_forward_ok
}

service_proxy_down() {
  stop_node_daemon apiserver-forward "$(command -v socat || echo socat)"
  stop_node_daemon kube-proxy "$(kube_bin kube-proxy)"
  # Removes the KUBE-* chains and rules that kube-proxy wrote.
  [ -x "$(kube_bin kube-proxy)" ] && "$(kube_bin kube-proxy)" --cleanup >>"$URR_LOG_DIR/kube-proxy.log" 2>&1 || true
}
