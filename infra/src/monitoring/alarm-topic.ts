/** The SNS topic every URR alarm goes to: CloudWatch's (monitoring-stack.ts) and Alertmanager's (ADR 0035). */
export const alarmTopicName = 'urr-alarms';
