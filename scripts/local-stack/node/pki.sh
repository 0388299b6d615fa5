# Sourced by cluster.sh: the node's identities, signed by the cluster CA (kube.sh made it). Each
# daemon gets the user that Kubernetes' bootstrap RBAC (or the Node authorizer) expects of it.
node_pki() {
  # Identities signed by an earlier cluster CA are worthless: start over.
  cmp -s "$KUBE_PKI/ca.crt" "$NODE_PKI/ca.crt" || rm -rf "$NODE_PKI"
  mkdir -p "$NODE_PKI"; chmod 700 "$NODE_PKI"
  # Copied only when missing: the running kubelet watches this file, and a rewrite in place shows it empty.
  [ -f "$NODE_PKI/ca.crt" ] || cp "$KUBE_PKI/ca.crt" "$NODE_PKI/"
  issue_cert "$NODE_PKI" kube-controller-manager /CN=system:kube-controller-manager clientAuth "" "$KUBE_PKI/ca"
  issue_cert "$NODE_PKI" kube-scheduler /CN=system:kube-scheduler clientAuth "" "$KUBE_PKI/ca"
  issue_cert "$NODE_PKI" kube-proxy /CN=system:kube-proxy clientAuth "" "$KUBE_PKI/ca"
  issue_cert "$NODE_PKI" kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth "" "$KUBE_PKI/ca"
  issue_cert "$NODE_PKI" kubelet "/CN=system:node:$NODE_NAME" serverAuth "IP:$URR_NODE_IP,DNS:$NODE_NAME" "$KUBE_PKI/ca"
  local who
  for who in kube-controller-manager kube-scheduler kube-proxy kubelet-client; do
    write_kubeconfig "$NODE_DIR/$who.kubeconfig" "$KUBE_URL" "$NODE_PKI/ca.crt" "$NODE_PKI/$who.crt" "$NODE_PKI/$who.key"
  done
}
