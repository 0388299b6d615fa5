import { eq, series } from './booking-path.js';

const lagMetric = 'kafka_consumer_group_lag';
const offsetMetric = 'kafka_consumer_group_offset';

/**
 * A consumer group's lag summed over partitions, by `by`: every replica of a service reports its groups'
 * committed lag, the same figure, so each partition counts once (max) before the sum.
 */
export const kafkaConsumerLag = (servicesNamespace: string, by: readonly string[]) =>
  `sum by (${by.join(', ')}) (max by (${[...by, 'partition'].join(', ')}) (${series(lagMetric, eq('namespace', servicesNamespace))}))`;

/**
 * The partitions a group is behind on while its committed offset has not moved for `window`: a message
 * its handler keeps failing on blocks the partition, or no member of the group runs. A busy group that
 * keeps committing never matches, however far behind it is.
 */
export function kafkaPartitionsStuck(servicesNamespace: string, window: string): string {
  const by = 'namespace, service, group, topic, partition';
  const namespace = eq('namespace', servicesNamespace);
  return `max by (${by}) (${series(lagMetric, namespace)}) > 0 and on (${by}) max by (${by}) (changes(${series(offsetMetric, namespace)}[${window}])) == 0`;
}
