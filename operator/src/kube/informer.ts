import { KubeApiError } from './kube-api-error.js';
import type { KubeClient, WatchHandle } from './kube-client.js';
import type { ResourceType } from './resource-path.js';
import type { WatchEvent } from './watch-lines.js';

/** What the informer needs of an object: where it lives and which version it is. */
export interface KubeObject {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly resourceVersion?: string;
  };
}

export interface InformerHandlers<T> {
  readonly add: (object: T) => void;
  readonly update: (object: T) => void;
  readonly delete: (object: T) => void;
  /** A list or watch failed; the informer tries again by itself. */
  readonly error: (error: unknown) => void;
}

export interface InformerOptions {
  readonly client: KubeClient;
  readonly type: ResourceType;
  /** All namespaces when absent. */
  readonly namespace?: string | undefined;
  /** Wait before listing or watching again after a failure. @default 1000 */
  readonly retryDelayMs?: number;
  /** Each watch asks the apiserver to end it after this long (plus up to as much again, at random). @default 300 */
  readonly watchTimeoutSeconds?: number;
}

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/** The cached copy without metadata.managedFields, which nothing reads and which is often most of an object. */
function withoutManagedFields<T extends KubeObject>(object: T): T {
  if (!('managedFields' in object.metadata)) return object;
  const { managedFields: _, ...metadata } = object.metadata as KubeObject['metadata'] & {
    managedFields?: unknown;
  };
  return { ...object, metadata };
}

/** The apiserver no longer has the history we asked to watch from: list again. */
function isGone(error: unknown): boolean {
  return error instanceof KubeApiError && error.statusCode === 410;
}

/**
 * A cache of one type's objects (without their managedFields) kept current by list + watch, as client-go's
 * informer does: it watches from the list's resourceVersion, moves that on with every event and bookmark,
 * watches again from it when a watch ends, and lists afresh (reporting what changed meanwhile) when the
 * apiserver answers 410 Gone.
 */
export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private resourceVersion: string | undefined;
  private running = false;
  private watchHandle: WatchHandle | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: InformerOptions,
    private readonly handlers: InformerHandlers<T>,
  ) {}

  /** Lists once (reporting every object as added), then keeps watching in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.relist();
    } catch (error) {
      this.handlers.error(error);
    }
    this.loop = this.watchLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.watchHandle?.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** The objects as last seen, of one namespace or all. */
  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((object) => object.metadata.namespace === namespace);
  }

  private async watchLoop(): Promise<void> {
    const { client, type, namespace } = this.options;
    const baseTimeout = this.options.watchTimeoutSeconds ?? 300;
    while (this.running) {
      try {
        if (this.resourceVersion === undefined) await this.relist();
        if (!this.running) return;
        this.watchHandle = client.watch<T>(
          type,
          {
            namespace,
            ...(this.resourceVersion ? { resourceVersion: this.resourceVersion } : {}),
            timeoutSeconds: baseTimeout + Math.floor(Math.random() * baseTimeout),
          },
          (event) => this.onEvent(event),
        );
        await this.watchHandle.done;
      } catch (error) {
        if (!this.running) return;
        if (isGone(error)) {
          this.resourceVersion = undefined;
          continue;
        }
        this.handlers.error(error);
        await this.pause(this.options.retryDelayMs ?? 1000);
      } finally {
        this.watchHandle = undefined;
      }
    }
  }

  private onEvent(event: WatchEvent<T>): void {
    if (event.type === 'ERROR') {
      const status = event.object as { code?: number };
      throw new KubeApiError(status.code ?? 0, status, 'WATCH', this.options.type.plural);
    }
    const version = event.object.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (event.type === 'BOOKMARK' || !this.running) return;
    const key = keyOf(event.object);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.handlers.delete(event.object);
      return;
    }
    const object = withoutManagedFields(event.object);
    const known = this.cache.has(key);
    this.cache.set(key, object);
    if (known) this.handlers.update(object);
    else this.handlers.add(object);
  }

  /** Lists every page, then reports what differs from the cache: new objects, changed ones, gone ones. */
  private async relist(): Promise<void> {
    const { client, type, namespace } = this.options;
    const fresh = new Map<string, T>();
    let continueToken: string | undefined;
    let version: string | undefined;
    do {
      const page = await client.list<T>(type, {
        namespace,
        limit: 500,
        ...(continueToken ? { continue: continueToken } : {}),
      });
      for (const object of page.items) fresh.set(keyOf(object), withoutManagedFields(object));
      continueToken = page.metadata?.continue || undefined;
      version = page.metadata?.resourceVersion;
    } while (continueToken);
    if (!this.running) return;

    const before = new Map(this.cache);
    this.cache.clear();
    for (const [key, object] of fresh) this.cache.set(key, object);
    for (const [key, object] of fresh) {
      const old = before.get(key);
      if (!old) this.handlers.add(object);
      else if (old.metadata.resourceVersion !== object.metadata.resourceVersion) this.handlers.update(object);
    }
    for (const [key, object] of before) if (!fresh.has(key)) this.handlers.delete(object);
    this.resourceVersion = version;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
