import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const repositoryRoot = join(import.meta.dirname, '..', '..');
export const nodeBaseImage = 'localhost/urr-node-base:20';
/** The tag `npm run images` builds unless URR_IMAGE_TAG says otherwise. */
export const imageTag = process.env.URR_IMAGE_TAG ?? 'local';
export const imagesDir = join(
  process.env.URR_CACHE_DIR ?? join(process.env.HOME ?? '/root', '.cache/urr'),
  'images',
);

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end, never throwing for a non-zero exit; podman reads the repository's settings. */
export async function command(
  file: string,
  args: readonly string[],
  cwd = repositoryRoot,
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, [...args], {
      cwd,
      env: { ...process.env, CONTAINERS_CONF: join(import.meta.dirname, 'containers.conf') },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export const podman = (...args: string[]) => command('podman', args);

/** podman's output and error lines, for a message that names what went wrong. */
export const outputOf = (result: CommandResult) => `${result.stdout}\n${result.stderr}`.trim();

/** The `Error:` lines a failed podman build printed. */
export const errorLinesOf = (result: CommandResult) =>
  result.stderr.split('\n').filter((line) => line.startsWith('Error:'));
