# Sourced by cluster.sh: the node's network. A bridge holds the node's address and the pods'
# range, both private to this machine; the CNI bridge plugin puts each pod on it. Guards keep the
# pods' range unreachable from any other interface, keep the pods inside the node, and let them open
# only the node ports they need (anything else on the host listening on all addresses stays shut).

# The node's own ports that pods may open: the API server's forward, the kubelet (metrics-server) and
# the forwards to the servers outside the node (server-forwards.sh).
NODE_PORTS_FOR_PODS=("$URR_KUBE_PORT" "$URR_KUBELET_PORT" "$URR_PG_PORT" "$URR_REDIS_PORT" "$URR_KAFKA_POD_PORT" "$URR_AWS_PORT")

# guard_chain CHAIN — the rules of our chains, one a line (iptables arguments after -A CHAIN).
guard_chain() {
  local ports
  ports="$(IFS=,; echo "${NODE_PORTS_FOR_PODS[*]}")"
  case "$1" in
    URR-NODE-INPUT) cat <<RULES
-i $NODE_BRIDGE -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
-i $NODE_BRIDGE -d $URR_NODE_IP -p tcp -m multiport --dports $ports -j RETURN
-i $NODE_BRIDGE -j DROP
-i lo -j RETURN
-d $URR_POD_CIDR -j DROP
RULES
    ;;
    URR-NODE-FORWARD) cat <<RULES
-d $URR_POD_CIDR ! -i $NODE_BRIDGE -j DROP
-i $NODE_BRIDGE ! -o $NODE_BRIDGE -j DROP
RULES
    ;;
  esac
}
GUARDS=("INPUT URR-NODE-INPUT" "FORWARD URR-NODE-FORWARD")

# The machine's sysctl values from before the node's first start, restored by down.
SYSCTL_ORIGINALS="$NODE_DIR/sysctl-originals"
save_sysctl() {
  grep -q "^$1=" "$SYSCTL_ORIGINALS" 2>/dev/null || echo "$1=$(sysctl -n "$1")" >>"$SYSCTL_ORIGINALS"
}
set_sysctl() { save_sysctl "$1"; sysctl -qw "$1=$2"; }
restore_sysctls() {
  [ -f "$SYSCTL_ORIGINALS" ] || return 0
  local setting
  while read -r setting; do sysctl -qw "$setting" || true; done <"$SYSCTL_ORIGINALS"
}

# Rebuilds our chains and puts a jump to each first in its built-in chain.
guards_up() {
  local guard parent chain rule
  for guard in "${GUARDS[@]}"; do
    read -r parent chain <<<"$guard"
    iptables -w -N "$chain" 2>/dev/null || iptables -w -F "$chain"
    while read -r -a rule; do iptables -w -A "$chain" "${rule[@]}"; done < <(guard_chain "$chain")
    iptables -w -C "$parent" -j "$chain" 2>/dev/null || iptables -w -I "$parent" -j "$chain"
  done
}

guards_down() {
  local guard parent chain
  for guard in "${GUARDS[@]}"; do
    read -r parent chain <<<"$guard"
    while iptables -w -C "$parent" -j "$chain" 2>/dev/null; do iptables -w -D "$parent" -j "$chain"; done
    iptables -w -F "$chain" 2>/dev/null || true
    iptables -w -X "$chain" 2>/dev/null || true
  done
}

network_up() {
  apt_install iptables iproute2 containernetworking-plugins conntrack
  if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
    ip link add "$NODE_BRIDGE" type bridge
  fi
  [[ "$(ip -o -4 addr show dev "$NODE_BRIDGE")" == *" $URR_NODE_IP/"* ]] ||
    ip addr add "$URR_NODE_IP/${URR_POD_CIDR#*/}" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
  # Pods reach Services on the same bridge only if bridged traffic passes iptables (kube-proxy).
  set_sysctl net.ipv4.ip_forward 1
  set_sysctl net.bridge.bridge-nf-call-iptables 1
  # kube-proxy turns this on for NodePorts on loopback; down puts back what was there before.
  save_sysctl net.ipv4.conf.all.route_localnet

  guards_up

  mkdir -p "$CNI_CONF_DIR" "$NODE_DIR/cni/ipam"
  write_if_changed "$CNI_CONF_DIR/10-urr-pods.conflist" <<CONF
{
  "cniVersion": "1.0.0",
  "name": "urr-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$NODE_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$URR_POD_CIDR", "gateway": "$URR_NODE_IP" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "$NODE_DIR/cni/ipam"
      }
    }
  ]
}
CONF
}

network_down() {
  guards_down
  restore_sysctls
  if ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then ip link delete "$NODE_BRIDGE"; fi
}
