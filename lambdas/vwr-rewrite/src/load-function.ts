import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/** The CloudFront Functions viewer-request event (the parts this function reads). */
export interface CloudFrontFunctionEvent {
  readonly version: '1.0';
  readonly context: { readonly eventType: 'viewer-request'; readonly distributionDomainName?: string };
  readonly viewer: { readonly ip: string };
  readonly request: {
    method: string;
    uri: string;
    querystring: Record<string, { value: string }>;
    headers: Record<string, { value: string }>;
    cookies: Record<string, { value: string }>;
  };
}

export type CloudFrontFunction = (event: CloudFrontFunctionEvent) => CloudFrontFunctionEvent['request'];

export const functionFile = new URL('./vwr-rewrite.js', import.meta.url);

/**
 * Evaluates the function's source as CloudFront does: a plain script defining `handler`, in a context of its
 * own with no modules and no Node globals. Tests and the local edge run the very file that is deployed.
 */
export function loadCloudFrontFunction(file: URL = functionFile): CloudFrontFunction {
  const context = vm.createContext({});
  vm.runInContext(`${readFileSync(file, 'utf8')}\nglobalThis.handler = handler;`, context, {
    filename: file.pathname,
  });
  return context.handler as CloudFrontFunction;
}

/** Where the static fallback waiting page lives (uploaded to S3 under the same key, `vwr/index.html`). */
export const staticRoot = new URL('../static/', import.meta.url);
