import { type App, Testing } from 'cdk8s';
import { defineUrrCharts, type UrrManifestSettings } from './charts.js';

/** A synthesised object, as plain JSON. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary Kubernetes specs
  readonly [field: string]: any;
}

export const testSettings: UrrManifestSettings = {
  imageRegistry: '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com',
  imageTag: '3f9c2e1-20261125T2100',
  kafkaBrokers: ['b-1.msk.test:9098', 'b-2.msk.test:9098'],
  awsRegion: 'ap-northeast-2',
  pspUrl: 'https://psp.example.com',
  gitRepoUrl: 'https://git.example.com/urr/urr.git',
  gitRevision: 'rendered',
};

/** Synthesises every chart (no files written) and returns each chart's objects. */
export function synthAll(settings: UrrManifestSettings = testSettings) {
  const app: App = Testing.app();
  const charts = defineUrrCharts(app, settings);
  const objects = (chart: keyof typeof charts) => Testing.synth(charts[chart]) as ManifestObject[];
  return {
    crds: objects('crds'),
    operator: objects('operator'),
    services: objects('services'),
    argocd: objects('argocd'),
  };
}

export const find = (objects: readonly ManifestObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

export const ofKind = (objects: readonly ManifestObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);
