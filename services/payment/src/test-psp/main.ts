import { createLogger, loadConfig, startServer } from '@urr/common';
import { testPspConfigSchema } from './config.js';
import { createTestPsp } from './test-psp-app.js';

const config = loadConfig(testPspConfigSchema);
const logger = createLogger({ service: 'test-psp', level: config.LOG_LEVEL });
const psp = createTestPsp({
  logger,
  apiKey: config.PSP_API_KEY,
  webhookSecret: config.PSP_WEBHOOK_SECRET,
  webhookUrl: config.PSP_WEBHOOK_URL,
  latencyMs: { min: config.PSP_LATENCY_MIN_MS, max: config.PSP_LATENCY_MAX_MS },
  hangMs: config.PSP_HANG_MS,
  lateSuccessDelayMs: config.PSP_LATE_SUCCESS_DELAY_MS,
});
await startServer({
  app: psp.app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  shutdownTimeoutMs: 2000,
  onShutdown: async () => psp.close(),
});
