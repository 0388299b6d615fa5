#!/usr/bin/env bash
# Generates a migration from src/db/schema.ts: `npm run db:generate -w @urr/ticket-service -- --name <what-changed>`.
# drizzle-kit qualifies every name with "public"; unqualified, the migrations also build the isolated
# schema that a test puts first on the search path (prepareTestDatabase({ isolated: true })).
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate "$@"
sed -i 's/"public"\.//g' db/migrations/*.sql
