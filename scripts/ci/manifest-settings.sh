#!/usr/bin/env bash
# Prints the manifests' settings (manifests/src/settings.ts) that come from the deployed stacks, one
# NAME=value a line, for $GITHUB_ENV before `npm run synth -w @urr/manifests`. Needs the deploy role's
# credentials and AWS_REGION.
set -euo pipefail

region="${AWS_REGION:?set AWS_REGION to the stacks region}"

# output STACK KEY — one output of a deployed stack; fails when the stack or the output is missing.
output() {
  local value
  value="$(aws cloudformation describe-stacks --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue | [0]" --output text)"
  [ -n "$value" ] && [ "$value" != None ] || { echo "[manifest-settings] $1 has no output $2" >&2; exit 1; }
  echo "$value"
}

account="$(aws sts get-caller-identity --query Account --output text)"
kafka_cluster="$(output UrrData KafkaClusterArn)"
# TLS + IAM (SASL OAUTHBEARER) on 9098: the only listener MSK serves.
kafka_brokers="$(aws kafka get-bootstrap-brokers --cluster-arn "$kafka_cluster" \
  --query BootstrapBrokerStringSaslIam --output text)"

echo "URR_AWS_REGION=$region"
echo "URR_IMAGE_REGISTRY=$account.dkr.ecr.$region.amazonaws.com"
echo "URR_KAFKA_BROKERS=$kafka_brokers"
echo "URR_QUEUE_ROLE_ARN=$(output UrrCompute QueueServiceRoleArn)"
echo "URR_OPERATOR_ROLE_ARN=$(output UrrCompute OperatorRoleArn)"
for service in Ticket Payment Stats Catalog; do
  echo "URR_${service^^}_ROLE_ARN=$(output UrrCompute "${service}ServiceRoleArn")"
done
echo "URR_ALB_WEB_ACL_ARN=$(output UrrCompute AlbWebAclArn)"
echo "URR_ALB_SECURITY_GROUPS=$(output UrrNetwork AlbSecurityGroupId)"
echo "URR_ALB_CERTIFICATE_ARN=$(output UrrCompute AlbCertificateArn)"
# The cluster add-ons' settings (manifests/src/addons, ADR 0027) that the stacks already output.
echo "URR_PROMETHEUS_ROLE_ARN=$(output UrrCompute PrometheusRoleArn)"
echo "URR_DATABASE_PROXY_ENDPOINT=$(output UrrData DatabaseProxyEndpoint)"
