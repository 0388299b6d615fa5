import { defineConfig } from 'drizzle-kit';

// The outbox tables alone, migrated into a throwaway Postgres schema by this package's own tests.
// Services generate their own migrations, which include these tables through their schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/kafka/outbox-schema.ts',
  out: './db/migrations',
});
