import { fileURLToPath } from 'node:url';
import { Include } from 'cdk8s';
import { Construct } from 'constructs';

/** The committed CRD, generated from the operator's zod schema (operator/src/ticket-event.ts). */
export const ticketEventCrdFile = fileURLToPath(new URL('../../crds/ticketevent.yaml', import.meta.url));

/** The TicketEvent CRD exactly as committed in crds/ (the operator does not install it in the cluster). */
export class TicketEventCrd extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Include(this, 'crd', { url: ticketEventCrdFile });
  }
}
