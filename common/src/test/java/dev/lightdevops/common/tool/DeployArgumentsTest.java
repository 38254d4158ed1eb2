package dev.lightdevops.common.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployArgumentsTest {

    @Test
    void validArgumentsBecomeARequest() {
        DeployArguments request = DeployArguments.from(Map.of("service", "checkout", "version", "1.4.2",
                "environment", "staging", "idempotency_key", "k-1"));
        assertThat(request.target().key()).isEqualTo("checkout@staging");
        assertThat(request.idempotencyKey()).isEqualTo("k-1");
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void unknownEnvironmentIsRejectedByName() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "checkout", "version", "1",
                "environment", "prod")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("environment").hasMessageContaining("unknown environment 'prod'");
    }

    @Test
    void missingVersionIsRejectedByName() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "checkout", "environment", "staging")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'version': is required");
    }

    @Test
    void shellMetacharactersInAServiceNameAreRejected() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "a;rm -rf /", "version", "1",
                "environment", "staging")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'service'");
    }

    @Test
    void wrongTypesAndUnknownArgumentsAreRejected() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", 42, "version", "1", "environment", "staging")))
                .hasMessageContaining("must be a string");
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "a", "version", "1", "environment",
                "staging", "force", true)))
                .hasMessageContaining("unknown argument");
    }

    @Test
    void aReasonWithABidiOverrideIsRefusedNamingTheCharacter() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "checkout", "version", "1",
                "environment", "staging", "reason", "approved by \u202Eecila")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'reason'")
                .hasMessageContaining("U+202E RIGHT-TO-LEFT OVERRIDE at character 13");
    }

    @Test
    void aReasonWithAnUnpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "checkout", "version", "1",
                "environment", "staging", "reason", "fix \uD83D")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("unpaired surrogate (U+D83D)");
    }

    @Test
    void aReasonInARightToLeftScriptOrWithEmojiIsKept() {
        String reason = "תיקון דחוף 🔥 — إصلاح";

        assertThat(DeployArguments.from(Map.of("service", "checkout", "version", "1", "environment", "staging",
                "reason", reason)).reason()).isEqualTo(reason);
    }

    @Test
    void refusedTextEchoedInAnErrorIsEscaped() {
        assertThatThrownBy(() -> DeployArguments.from(Map.of("service", "checkout", "version", "1",
                "environment", "\u202Enoitcudorp")))
                .hasMessageContaining("'\\u202Enoitcudorp'");
    }

    @Test
    void theSchemaPatternRefusesWhatTheCodeRefuses() {
        assertThat(DeployArguments.REASON.matcher("ship it").matches()).isTrue();
        assertThat(DeployArguments.REASON.matcher("ship \u2067it").matches()).isFalse();
        assertThat(DeployArguments.REASON.matcher("ship\u0085it").matches()).isFalse();
        assertThat(DeployArguments.REASON.pattern()).doesNotContain("\\p{").doesNotContain("\\uD8");
    }
}
