import type { Severity } from './alert-rules.js';

export interface AlarmRoutingOptions {
  /** The SNS topic the infra's CloudWatch alarms go to (infra's AlarmTopicArn output). */
  readonly topicArn: string;
  readonly region: string;
}

export const routedSeverities: readonly Severity[] = ['critical', 'warning'];

/**
 * The AlertmanagerConfig's spec: critical and warning alerts to the alarm topic over SigV4, signed with the
 * Alertmanager pod's credentials (its IRSA role may publish to that topic only). Critical alerts repeat
 * hourly while they fire, warnings every four hours.
 */
export function alarmRoutingSpec(options: AlarmRoutingOptions) {
  const severity = (matchType: '=' | '=~', value: string) => [{ name: 'severity', matchType, value }];
  return {
    route: {
      receiver: 'alarm-topic',
      matchers: severity('=~', routedSeverities.join('|')),
      groupBy: ['alertname', 'namespace'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '4h',
      routes: [{ receiver: 'alarm-topic', matchers: severity('=', 'critical'), repeatInterval: '1h' }],
    },
    receivers: [
      {
        name: 'alarm-topic',
        snsConfigs: [
          {
            topicARN: options.topicArn,
            sigv4: { region: options.region },
            sendResolved: true,
            subject: '[{{ .Status | toUpper }}] {{ .CommonLabels.severity }}: {{ .CommonLabels.alertname }}',
            message:
              '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n\n{{ end }}',
            attributes: { severity: '{{ .CommonLabels.severity }}' },
          },
        ],
      },
    ],
  };
}
