const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function checkCidr(owner: string, cidr: string): void {
  const match = cidrPattern.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefix > 32)
    throw new Error(`ExternalEndpoint ${owner}: "${cidr}" is not an IPv4 CIDR such as 10.0.20.0/24`);
}

/** Something outside the cluster that pods reach: address ranges and TCP ports (NetworkPolicy egress). */
export class ExternalEndpoint {
  /**
   * @param cidrs where it lives, e.g. the VPC's database subnets
   * @param ports TCP ports, 1–65535
   * @param except ranges inside `cidrs` that stay closed @default []
   */
  static of(
    name: string,
    cidrs: readonly string[],
    ports: readonly number[],
    except: readonly string[] = [],
  ): ExternalEndpoint {
    if (cidrs.length === 0) throw new Error(`ExternalEndpoint ${name}: give at least one CIDR`);
    for (const cidr of [...cidrs, ...except]) checkCidr(name, cidr);
    if (ports.length === 0) throw new Error(`ExternalEndpoint ${name}: give at least one TCP port`);
    for (const port of ports)
      if (!Number.isInteger(port) || port < 1 || port > 65_535)
        throw new Error(`ExternalEndpoint ${name}: port ${port} must be a whole number in 1–65535`);
    return new ExternalEndpoint(name, cidrs, ports, except);
  }

  private constructor(
    readonly name: string,
    readonly cidrs: readonly string[],
    readonly ports: readonly number[],
    readonly except: readonly string[],
  ) {}
}
