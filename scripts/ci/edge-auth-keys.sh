#!/usr/bin/env bash
# Writes edge-auth's key file (the edge-auth.config.json that lambdas/edge-auth/src/edge-keys.ts reads) from
# Secrets Manager, for `cdk deploy -c urr:edgeAuthKeysFile=FILE`: the waiting room's token key under the
# kid the vwr-api Lambdas sign with, and the entry-token secret. Only the file's owner may read it; the
# values never reach a command line or a log.
#
#   bash scripts/ci/edge-auth-keys.sh FILE        (AWS credentials of the deploy role in the environment)
set -euo pipefail

# The kid of urr/vwr-token-secret: VWR_TOKEN_KID of the vwr-api Lambdas (infra/src/vwr/vwr-stack.ts).
VWR_TOKEN_KID="k1"

out="${1:?usage: scripts/ci/edge-auth-keys.sh FILE}"
secret() { aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text; }

umask 077
vwr_token_secret="$(secret urr/vwr-token-secret)"
entry_token_secret="$(secret urr/entry-token-secret)"
VWR_TOKEN_KID="$VWR_TOKEN_KID" VWR_TOKEN_SECRET="$vwr_token_secret" ENTRY_TOKEN_SECRET="$entry_token_secret" \
  node -e '
    const { VWR_TOKEN_KID: kid, VWR_TOKEN_SECRET: key, ENTRY_TOKEN_SECRET: entry } = process.env;
    process.stdout.write(JSON.stringify({ vwrToken: { currentKid: kid, keys: { [kid]: key } }, entryTokenSecret: entry }));
  ' >"$out"
echo "[edge-auth-keys] wrote $out (kid $VWR_TOKEN_KID)" >&2
