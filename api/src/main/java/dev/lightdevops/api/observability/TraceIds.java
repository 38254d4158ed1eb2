package dev.lightdevops.api.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.function.Function;

/**
 * The W3C trace id of the work in progress on this thread (the tool call's span), stamped on the operations it
 * creates so that an operation leads to its trace. Micrometer Tracing's OpenTelemetry bridge keeps the current span
 * in OpenTelemetry's context, so the static accessor sees it.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current trace id, or null outside a trace. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /**
     * {@code step}, run in this thread's current trace wherever it runs: for a step chained on a Kafka callback
     * thread (such as the send of a command after its queued snapshot), so that its record headers carry this trace.
     */
    public static <T, U> Function<T, U> inThisTrace(Function<T, U> step) {
        return Context.current().wrapFunction(step);
    }
}
