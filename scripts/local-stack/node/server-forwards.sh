# Sourced by cluster.sh: the servers outside the node, as RDS, ElastiCache, MSK and DynamoDB/SQS are
# outside EKS. They listen on loopback, which pods cannot reach, so socat forwards each one's port on
# the node's address to it (as service-proxy.sh does for the API server), and network.sh lets pods
# open exactly these ports. Kafka's forward goes to its pods' listener, which advertises the node's
# address (docs/adr/0026-servers-outside-the-node.md).

# daemon name, port's name in ports.env: the forward listens on $URR_NODE_IP and connects to 127.0.0.1.
SERVER_FORWARDS=(
  "postgres-forward URR_PG_PORT"
  "redis-forward URR_REDIS_PORT"
  "kafka-forward URR_KAFKA_POD_PORT"
  "aws-forward URR_AWS_PORT"
)

forward_open() { (exec 3<>"/dev/tcp/$URR_NODE_IP/$1") 2>/dev/null; }

server_forwards_up() {
  apt_install socat
  local entry name variable
  for entry in "${SERVER_FORWARDS[@]}"; do
    read -r name variable <<<"$entry"
    ensure_daemon "$name" -- "$(command -v socat)" \
      "TCP-LISTEN:${!variable},bind=$URR_NODE_IP,reuseaddr,fork" "TCP:127.0.0.1:${!variable}"
  done
  for entry in "${SERVER_FORWARDS[@]}"; do
    read -r name variable <<<"$entry"
    wait_for "$name" 20 forward_open "${!variable}"
  done
}

server_forwards_down() {
  local entry name variable
  for entry in "${SERVER_FORWARDS[@]}"; do
    read -r name variable <<<"$entry"
    stop_node_daemon "$name" "$(command -v socat || echo socat)"
  done
}
