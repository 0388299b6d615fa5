/** The images CI pushes, each to ECR repository `urr/{name}` (the manifests' workload names). */
export const imageRepositories = [
  'gateway-service',
  'auth-service',
  'ticket-service',
  'payment-service',
  'stats-service',
  'queue-service',
  'catalog-service',
  'community-service',
  'frontend',
  'ticketevent-operator',
] as const;
export type ImageRepository = (typeof imageRepositories)[number];
