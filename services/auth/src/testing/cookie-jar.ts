/**
 * A browser's cookie store reduced to what the tests need: one loopback host, names unique across paths.
 * It keeps what `Set-Cookie` sets, drops what it expires, and sends everything back.
 */
export class CookieJar {
  readonly #values = new Map<string, string>();
  readonly #attributes = new Map<string, string>();

  store(response: Response): this {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute)) || value === '';
      if (expired) {
        this.#values.delete(name);
        this.#attributes.delete(name);
      } else {
        this.#values.set(name, value);
        this.#attributes.set(name, attributes.join('; '));
      }
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  /** The attributes the cookie was last set with, e.g. `Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Lax`. */
  attributesOf(name: string): string | undefined {
    return this.#attributes.get(name);
  }

  set(name: string, value: string): this {
    this.#values.set(name, value);
    return this;
  }

  header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
