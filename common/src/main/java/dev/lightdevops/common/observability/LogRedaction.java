package dev.lightdevops.common.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;

/**
 * Makes every log line pass through {@link Redaction}, whatever the layout (plain pattern or structured JSON): the
 * encoder of each appender on the root logger is wrapped, so a token that reaches a message, an argument or a
 * stack trace is masked before it is written. Both apps have it ({@link ObservabilityConfiguration}): the api sees
 * callers' tokens, the worker holds the Datadog keys. Spring Boot re-initializes logging when a context starts, so
 * this runs again at each start of an app.
 */
class LogRedaction {

    LogRedaction() {
        install();
    }

    @EventListener(ApplicationStartedEvent.class)
    void reinstall() {
        install();
    }

    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                    && !(appender.getEncoder() instanceof RedactingEncoder)) {
                RedactingEncoder redacting = new RedactingEncoder(appender.getEncoder());
                redacting.setContext(context);
                redacting.start();
                appender.setEncoder(redacting);
            }
        }
    }

    /** Encodes with the original encoder, then masks secrets in the bytes it produced. */
    static final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

        private final Encoder<ILoggingEvent> delegate;

        RedactingEncoder(Encoder<ILoggingEvent> delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] headerBytes() {
            return delegate.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] encoded = delegate.encode(event);
            if (encoded == null || encoded.length == 0) {
                return encoded;
            }
            return Redaction.redact(new String(encoded, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return delegate.footerBytes();
        }
    }
}
