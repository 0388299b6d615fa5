import { bootService } from '@urr/common';
import { testPspConfigSchema } from './config.js';
import { createTestPsp } from './test-psp-app.js';

const service = bootService({ name: 'test-psp', configSchema: testPspConfigSchema });
const { config, logger } = service;
const psp = createTestPsp({
  logger,
  apiKey: config.PSP_API_KEY,
  webhookSecret: config.PSP_WEBHOOK_SECRET,
  webhookUrl: config.PSP_WEBHOOK_URL,
  latencyMs: { min: config.PSP_LATENCY_MIN_MS, max: config.PSP_LATENCY_MAX_MS },
  hangMs: config.PSP_HANG_MS,
  lateSuccessDelayMs: config.PSP_LATE_SUCCESS_DELAY_MS,
});
await service.serve({ app: psp.app, shutdownTimeoutMs: 2000, close: [psp.close] });
