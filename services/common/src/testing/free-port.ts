import { type AddressInfo, createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now: for a server whose URL must be known before it is built,
 * or as the URL of a service that is down.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
