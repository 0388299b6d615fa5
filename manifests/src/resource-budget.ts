const cpuPattern = /^(\d+(?:\.\d+)?)(m?)$/;
const memoryPattern = /^(\d+)(Mi|Gi)$/;

function millicores(value: string): number {
  const match = cpuPattern.exec(value);
  if (!match) throw new Error(`ResourceBudget: cpu "${value}" is not a CPU quantity; use e.g. 250m or 1`);
  return match[2] === 'm' ? Number(match[1]) : Number(match[1]) * 1000;
}

function mebibytes(value: string): number {
  const match = memoryPattern.exec(value);
  if (!match)
    throw new Error(`ResourceBudget: memory "${value}" is not a memory quantity; use e.g. 256Mi or 1Gi`);
  return match[2] === 'Gi' ? Number(match[1]) * 1024 : Number(match[1]);
}

export interface ResourceBudgetProps {
  /** CPU the scheduler reserves; the HPA's utilisation target is a share of it. */
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  /** The container is throttled above it. */
  readonly cpuLimit: string;
  /** The container is killed above it. */
  readonly memoryLimit: string;
}

/** Requests and limits of one container; limits never below requests. */
export class ResourceBudget {
  static of(props: ResourceBudgetProps): ResourceBudget {
    if (millicores(props.cpuLimit) < millicores(props.cpuRequest))
      throw new Error(
        `ResourceBudget: cpuLimit ${props.cpuLimit} is below cpuRequest ${props.cpuRequest}; raise it to at least ${props.cpuRequest}`,
      );
    if (mebibytes(props.memoryLimit) < mebibytes(props.memoryRequest))
      throw new Error(
        `ResourceBudget: memoryLimit ${props.memoryLimit} is below memoryRequest ${props.memoryRequest}; raise it to at least ${props.memoryRequest}`,
      );
    return new ResourceBudget(props);
  }

  private constructor(readonly props: ResourceBudgetProps) {}

  /**
   * The same budget with its CPU request scaled down (a small cluster such as the local node: the
   * scheduler reserves less, limits stay). The request never drops below 1m.
   */
  withCpuRequestScaled(factor: number): ResourceBudget {
    if (!(factor > 0 && factor <= 1))
      throw new Error(`ResourceBudget: CPU request scale ${factor} must be in (0, 1]`);
    if (factor === 1) return this;
    const scaled = Math.max(1, Math.ceil(millicores(this.props.cpuRequest) * factor));
    return new ResourceBudget({ ...this.props, cpuRequest: `${scaled}m` });
  }

  toKubernetes() {
    return {
      requests: { cpu: this.props.cpuRequest, memory: this.props.memoryRequest },
      limits: { cpu: this.props.cpuLimit, memory: this.props.memoryLimit },
    };
  }
}
