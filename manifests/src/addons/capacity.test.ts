import { nodeGroup } from '@urr/infra/compute/node-group';
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { defineUrrCharts } from '../charts.js';
import { testSettings } from '../test-support.js';
import { placeholderAddonSettings } from './addon-settings.js';
import { allocatableOf, type CapacityInput, capacityFigures, formatResources, plus } from './capacity.js';
import { helmAddons } from './helm-addons.js';
import { spotInstanceTypes, spotPoolLimits } from './spot-node-pool.js';

/** URR's workloads as the render has them (the services' and the operator's files). */
function urrObjects() {
  const charts = defineUrrCharts(Testing.app(), testSettings);
  return [...Testing.synth(charts.services), ...Testing.synth(charts.operator)];
}

const addonPods = helmAddons(
  placeholderAddonSettings(testSettings.awsRegion),
  testSettings.awsRegion,
).flatMap((addon) => addon.pods);

const cluster: CapacityInput = {
  urrObjects: urrObjects(),
  addonPods,
  nodeGroup,
  spotPool: { ...spotPoolLimits, instanceTypes: spotInstanceTypes },
};

const fits = (need: { cpuMillis: number; memoryMi: number }, have: { cpuMillis: number; memoryMi: number }) =>
  need.cpuMillis <= have.cpuMillis && need.memoryMi <= have.memoryMi;

describe('cluster capacity', () => {
  const figures = capacityFigures(cluster);
  const steady = plus(figures.urrAtMinima, figures.addonsFixed);
  const duringSwitch = plus(steady, figures.switchPreview);

  it("reads URR's floor from the render: every pod at its HPA minimum, the operator's replicas", () => {
    expect(figures.urrAtMinima).toEqual({ cpuMillis: 6900, memoryMi: 6144 });
    expect(figures.switchPreview).toEqual({ cpuMillis: 5000, memoryMi: 3968 });
  });

  it('fits URR at its minima with every add-on on the node group at its desired size', () => {
    expect(
      fits(steady, figures.nodeGroupFree),
      `${formatResources(steady)} of ${formatResources(figures.nodeGroupFree)}`,
    ).toBe(true);
  });

  it("fits a blue-green switch of every Rollout on the node group and Karpenter's spot pool within its limits", () => {
    const available = plus(figures.nodeGroupFree, figures.spotPoolFree);
    expect(
      fits(duringSwitch, available),
      `${formatResources(duringSwitch)} of ${formatResources(available)}`,
    ).toBe(true);
    // The switch needs the spot pool: the node group alone is sized for the steady state.
    expect(fits(duringSwitch, figures.nodeGroupFree)).toBe(false);
  });

  it('would have failed for two t3.medium nodes without a spot pool (the minima alone exceed them)', () => {
    const small = capacityFigures({
      ...cluster,
      nodeGroup: { instanceType: 't3.medium', desiredSize: 2 },
      spotPool: undefined,
    });
    expect(allocatableOf('t3.medium').cpuMillis * 2).toBe(3860);
    expect(fits(small.urrAtMinima, small.nodeGroupFree)).toBe(false);
  });

  it('fails when a request grows past what the nodes provide', () => {
    const heavier = cluster.urrObjects.map((object) =>
      (object as { kind: string }).kind === 'Rollout'
        ? JSON.parse(JSON.stringify(object).replaceAll('"cpu":"500m"', '"cpu":"1500m"'))
        : object,
    );
    const grown = capacityFigures({ ...cluster, urrObjects: heavier });
    expect(fits(plus(grown.urrAtMinima, grown.addonsFixed), grown.nodeGroupFree)).toBe(false);
  });
});
