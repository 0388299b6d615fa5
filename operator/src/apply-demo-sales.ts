import { loadConfig } from '@urr/common/config/load-config';
import { z } from 'zod';
import { installCrd } from './crd.js';
import { applyDemoSales } from './demo-sales.js';
import { KubeClient } from './kube/kube-client.js';
import { loadKubeConfig } from './kube/kube-config.js';

/** `npm run demo-sales -w @urr/operator`: opens the local stack's demo sales by applying their TicketEvents. */
const config = loadConfig(
  z.object({
    TICKET_URL: z.url().default('http://127.0.0.1:3002'),
    DEMO_SALES_NAMESPACE: z.string().min(1).default('default'),
  }),
);
const kube = new KubeClient(loadKubeConfig());
await installCrd(kube);
const applied = await applyDemoSales({
  kube,
  namespace: config.DEMO_SALES_NAMESPACE,
  ticketUrl: config.TICKET_URL,
});
for (const sale of applied)
  console.log(
    `TicketEvent ${config.DEMO_SALES_NAMESPACE}/${sale.metadata.name} applied for event ${sale.spec.eventId}`,
  );
kube.destroy();
