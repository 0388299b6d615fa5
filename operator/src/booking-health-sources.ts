import type { BookingHealthSource } from './booking-health-source.js';
import type { BookingRoutes } from './booking-signals.js';
import { scrapedBookingHealth } from './gateway-scrape.js';
import { serviceEndpointTargets, staticTargets } from './gateway-targets.js';
import type { KubeClient } from './kube/kube-client.js';
import { prometheusBookingHealth } from './prometheus-query.js';

export interface BookingHealthSettings {
  readonly PROMETHEUS_URL?: string | undefined;
  readonly PROMETHEUS_GATEWAY_SELECTOR: string;
  readonly PROMETHEUS_RATE_WINDOW: string;
  readonly GATEWAY_METRICS_URLS?: readonly string[] | undefined;
  readonly GATEWAY_METRICS_SERVICE?: string | undefined;
  readonly BOOKING_RESERVE_ROUTE: BookingRoutes['reserve'];
  readonly BOOKING_CONFIRM_ROUTE: BookingRoutes['confirm'];
}

/** Prometheus when configured, else a direct scrape of the gateway, else nothing (no health pacing). */
export function bookingHealthFrom(
  settings: BookingHealthSettings,
  kube: KubeClient,
): BookingHealthSource | undefined {
  const routes = { reserve: settings.BOOKING_RESERVE_ROUTE, confirm: settings.BOOKING_CONFIRM_ROUTE };
  if (settings.PROMETHEUS_URL) {
    return prometheusBookingHealth({
      url: settings.PROMETHEUS_URL,
      routes,
      window: settings.PROMETHEUS_RATE_WINDOW,
      gatewaySelector: (namespace) =>
        `${settings.PROMETHEUS_GATEWAY_SELECTOR},namespace=${JSON.stringify(namespace)}`,
    });
  }
  if (settings.GATEWAY_METRICS_URLS)
    return scrapedBookingHealth({ targets: staticTargets(settings.GATEWAY_METRICS_URLS), routes });
  if (settings.GATEWAY_METRICS_SERVICE) {
    return scrapedBookingHealth({
      targets: serviceEndpointTargets(kube, { service: settings.GATEWAY_METRICS_SERVICE }),
      routes,
    });
  }
  return undefined;
}
