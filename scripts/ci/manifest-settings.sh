#!/usr/bin/env bash
# Prints the manifests' settings (manifests/src/settings.ts) that come from the deployed stacks, one
# NAME=value a line, for $GITHUB_ENV before `npm run synth -w @urr/manifests`.
#
# usage: manifest-settings.sh [OUTPUTS_JSON]
# OUTPUTS_JSON is `aws cloudformation describe-stacks` output (all of URR's stacks); without it the script
# runs describe-stacks itself. MSK's bootstrap brokers are not a stack output: they are asked of MSK.
# Needs AWS_REGION and the deploy role's credentials. Fails, naming it, when a stack or an output is missing.
set -euo pipefail

region="${AWS_REGION:?set AWS_REGION to the stacks region}"

if [ $# -ge 1 ]; then
  outputs="$(cat "$1")"
else
  outputs="$(aws cloudformation describe-stacks --output json)"
fi

# output STACK KEY — one output of a deployed stack.
output() {
  local value
  value="$(STACK="$1" KEY="$2" node -e '
    const { Stacks } = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    const stack = Stacks.find((s) => s.StackName === process.env.STACK);
    const found = (stack?.Outputs ?? []).find((o) => o.OutputKey === process.env.KEY);
    process.stdout.write(found?.OutputValue ?? "");
  ' <<<"$outputs")"
  [ -n "$value" ] || { echo "[manifest-settings] stack $1 has no output $2" >&2; exit 1; }
  echo "$value"
}

queue_role="$(output UrrCompute QueueServiceRoleArn)"
# arn:aws:iam::ACCOUNT:role/NAME: the images' registry is the stacks' account's.
account="$(cut -d: -f5 <<<"$queue_role")"
kafka_cluster="$(output UrrData KafkaClusterArn)"
# TLS + IAM (SASL OAUTHBEARER) on 9098: the only listener MSK serves.
kafka_brokers="$(aws kafka get-bootstrap-brokers --cluster-arn "$kafka_cluster" \
  --query BootstrapBrokerStringSaslIam --output text)"
if [ -z "$kafka_brokers" ] || [ "$kafka_brokers" = None ]; then
  echo "[manifest-settings] MSK has no IAM brokers for $kafka_cluster" >&2
  exit 1
fi

# SETTING STACK OUTPUT, one a line: each setting is one stack output.
from_outputs='
URR_QUEUE_ROLE_ARN UrrCompute QueueServiceRoleArn
URR_OPERATOR_ROLE_ARN UrrCompute OperatorRoleArn
URR_TICKET_ROLE_ARN UrrCompute TicketServiceRoleArn
URR_PAYMENT_ROLE_ARN UrrCompute PaymentServiceRoleArn
URR_STATS_ROLE_ARN UrrCompute StatsServiceRoleArn
URR_CATALOG_ROLE_ARN UrrCompute CatalogServiceRoleArn
URR_ALB_WEB_ACL_ARN UrrCompute AlbWebAclArn
URR_ALB_SECURITY_GROUPS UrrNetwork AlbSecurityGroupId
URR_ALB_CERTIFICATE_ARN UrrCompute AlbCertificateArn
URR_CLUSTER_NAME UrrCompute ClusterName
URR_DNS_ZONE UrrCompute DnsZone
URR_AMP_REMOTE_WRITE_URL UrrMonitoring AmpRemoteWriteUrl
URR_ALARM_TOPIC_ARN UrrMonitoring AlarmTopicArn
URR_DATABASE_PROXY_ENDPOINT UrrData DatabaseProxyEndpoint
URR_DATABASE_REPLICA_ENDPOINT UrrData DatabaseReplicaEndpoint
URR_REDIS_ENDPOINT UrrData RedisEndpoint
URR_KARPENTER_NODE_ROLE UrrCompute KarpenterNodeRoleName
URR_KARPENTER_INTERRUPTION_QUEUE UrrCompute KarpenterInterruptionQueueName
URR_PROMETHEUS_ROLE_ARN UrrCompute PrometheusRoleArn
URR_ALERTMANAGER_ROLE_ARN UrrCompute AlertmanagerRoleArn
URR_LOAD_BALANCER_CONTROLLER_ROLE_ARN UrrCompute LoadBalancerControllerRoleArn
URR_EXTERNAL_DNS_ROLE_ARN UrrCompute ExternalDnsRoleArn
URR_EXTERNAL_SECRETS_ROLE_ARN UrrCompute ExternalSecretsRoleArn
URR_KARPENTER_ROLE_ARN UrrCompute KarpenterRoleArn
'

# Nothing is printed until every output is found: a partial settings file would render placeholders.
settings="URR_AWS_REGION=$region
URR_IMAGE_REGISTRY=$account.dkr.ecr.$region.amazonaws.com
URR_KAFKA_BROKERS=$kafka_brokers"
while read -r setting stack key; do
  [ -n "$setting" ] || continue
  value="$(output "$stack" "$key")"
  settings+=$'\n'"$setting=$value"
done <<<"$from_outputs"
echo "$settings"
