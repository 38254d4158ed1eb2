package dev.lightdevops.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the redactor masks, and what it leaves alone so that logs stay useful. */
class RedactionTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void masksTokensCredentialsCookiesAndKeys() {
        String line = "headers={authorization:[Bearer abcdefghijklmnop], cookie:[session=s3cr3t; theme=dark], "
                + "x-api-key:[k-123456]} url=/x?access_token=" + JWT + " DD_API_KEY=0123abcd password: hunter2";

        String redacted = Redaction.redact(line);

        assertThat(redacted).doesNotContain("abcdefghijklmnop", "s3cr3t", "k-123456", JWT, "0123abcd", "hunter2")
                .contains("authorization", "cookie", "url=/x");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String line = "deploy of checkout 1.4.2 to staging accepted as 01a2-33; a bearer token is required";

        assertThat(Redaction.redact(line)).isEqualTo(line);
    }

    @Test
    void masksSecretNamedArgumentsAndTokensInsideOtherArguments() {
        Map<String, Object> safe = Redaction.arguments(Map.of("token", JWT, "reason", "see " + JWT,
                "service", "checkout"));

        assertThat(safe).containsEntry("token", Redaction.MASK).containsEntry("service", "checkout");
        assertThat(String.valueOf(safe.get("reason"))).doesNotContain(JWT);
    }
}
