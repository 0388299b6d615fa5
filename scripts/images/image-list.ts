import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const imageKinds = ['backend', 'frontend'] as const;
export type ImageKind = (typeof imageKinds)[number];

/** One image of `images.list`. */
export interface ImageSpec {
  /** The image repository is `urr/<name>`, as the manifests name it. */
  readonly name: string;
  readonly kind: ImageKind;
  /** A backend's entry module, or the frontend's workspace folder, relative to the repository root. */
  readonly entry: string;
  /** The port the process listens on by default. */
  readonly port: number;
}

const namePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses `images.list`; a bad line throws with its line number and what is wrong. */
export function parseImageList(text: string): ImageSpec[] {
  const images: ImageSpec[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `images.list line ${index + 1}`;
    const [name = '', kind = '', entry = '', port = '', ...rest] = line.split(/\s+/);
    if (rest.length > 0 || port === '') throw new Error(`${where}: expected "name kind entry port"`);
    if (!namePattern.test(name)) throw new Error(`${where}: name "${name}" must be lower-case words and -`);
    if (!(imageKinds as readonly string[]).includes(kind))
      throw new Error(`${where}: kind "${kind}" must be one of ${imageKinds.join(', ')}`);
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65_535)
      throw new Error(`${where}: port "${port}" must be a TCP port`);
    if (images.some((image) => image.name === name)) throw new Error(`${where}: "${name}" is listed twice`);
    images.push({ name, kind: kind as ImageKind, entry, port: Number(port) });
  });
  return images;
}

export const imageListFile = join(import.meta.dirname, 'images.list');

export const readImageList = (file = imageListFile): ImageSpec[] =>
  parseImageList(readFileSync(file, 'utf8'));
