import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  readonly serviceName: string;
  /** Zipkin v2 spans endpoint. Unset: spans still get trace ids (for logs and `traceparent`) but go nowhere. */
  readonly zipkinUrl?: string | undefined;
}

export interface Tracing {
  /** Flushes pending spans; call it last in shutdown. */
  readonly shutdown: () => Promise<void>;
}

/**
 * Registers the process-wide tracer provider with W3C `traceparent` propagation and async context.
 * Call once in `main.ts`, before the app handles requests.
 */
export function initTracing(options: TracingOptions): Tracing {
  const spanProcessors: SpanProcessor[] = options.zipkinUrl
    ? [
        new BatchSpanProcessor(
          new ZipkinExporter({ url: options.zipkinUrl, serviceName: options.serviceName }),
        ),
      ]
    : [];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
    // Nothing collects spans without Zipkin: a trace that starts here gets its ids (for logs and
    // `traceparent`) but no recorded span; a caller's sampled trace is still followed and passed on.
    ...(options.zipkinUrl ? {} : { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }),
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

const tracerName = '@urr/common';

/** The active trace and span ids, for log lines; undefined outside a sampled span. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/** Adds `traceparent` (and `tracestate`) of the active context to outgoing headers. */
export function injectTraceHeaders(headers: Record<string, string> = {}): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * Runs `work` in a new span, as a child of the trace in `carrier` headers when given (an incoming
 * request or a Kafka message) or of the active span otherwise. Errors end the span as failed and rethrow.
 */
export async function withSpan<T>(
  name: string,
  options: {
    kind?: SpanKind;
    carrier?: Record<string, string | undefined>;
    attributes?: Record<string, string>;
  },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.carrier ? propagation.extract(context.active(), options.carrier) : context.active();
  const span = trace
    .getTracer(tracerName)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} },
      parent,
    );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind };
