import { type AuthUser, createServiceApp, internalToken } from '@urr/common';
import type { PaymentContext } from './context.js';
import { internalRoutes } from './routes/internal.js';
import { paymentRoutes } from './routes/payments.js';
import { webhookRoutes } from './routes/webhooks.js';

export function createApp(context: PaymentContext) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'payment-service',
    logger: context.logger,
    readiness: [{ name: 'postgres', check: context.ping }],
    openapi: { title: 'URR payment-service', version: '1.0.0' },
  });
  app.use('/internal/*', internalToken({ token: context.config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalRoutes(context, context.idempotency));
  app.route('/api/v1/payments', paymentRoutes(context, context.idempotency));
  app.route('/webhooks', webhookRoutes(context, { secret: context.config.PSP_WEBHOOK_SECRET }));
  return app;
}
