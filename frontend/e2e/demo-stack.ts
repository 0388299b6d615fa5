import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** What scripts/seed-demo.sh leaves on the local stack for the browser tests to use. */
export const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
export const kubeconfig = process.env.KUBECONFIG ?? `${stateDir}/kube/kubeconfig`;
export const demoAdminEmail = 'admin@urr.local';

export function demoAdminPassword(): string {
  const password = /^URR_DEMO_ADMIN_PASSWORD=(.*)$/m.exec(
    readFileSync(`${stateDir}/secrets.env`, 'utf8'),
  )?.[1];
  if (!password)
    throw new Error(`no URR_DEMO_ADMIN_PASSWORD in ${stateDir}/secrets.env: run scripts/seed-demo.sh`);
  return password;
}

/** Signs the page in as the demo admin, by the form's field names (so in either language). */
export async function signInAsDemoAdmin(page: Page): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(demoAdminEmail);
  await page.locator('input[name="password"]').fill(demoAdminPassword());
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

/** kubectl against the local stack's API server. */
export function kubectl(args: string[]): string {
  return execFileSync('kubectl', args, {
    env: { ...process.env, KUBECONFIG: kubeconfig },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** How far the page is wider than the screen (0 when it fits). */
export const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
