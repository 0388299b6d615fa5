import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { loadConfig } from '@urr/common/config/load-config';
import { z } from 'zod';
import { installCrd } from './crd.js';
import { applyDemoSales } from './demo-sales.js';

/** `npm run demo-sales -w @urr/operator`: opens the local stack's demo sales by applying their TicketEvents. */
const config = loadConfig(
  z.object({
    TICKET_URL: z.url().default('http://127.0.0.1:3002'),
    DEMO_SALES_NAMESPACE: z.string().min(1).default('default'),
  }),
);
const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
await installCrd(kubeConfig);
const applied = await applyDemoSales({
  api: kubeConfig.makeApiClient(CustomObjectsApi),
  namespace: config.DEMO_SALES_NAMESPACE,
  ticketUrl: config.TICKET_URL,
});
for (const sale of applied)
  console.log(
    `TicketEvent ${config.DEMO_SALES_NAMESPACE}/${sale.metadata.name} applied for event ${sale.spec.eventId}`,
  );
