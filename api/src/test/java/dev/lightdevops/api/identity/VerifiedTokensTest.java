package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Verified tokens skip the signature check on later calls, yet expire on time and are never remembered when bad. */
class VerifiedTokensTest {

    private static final TestIssuer issuer = new TestIssuer();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
    private final JwtDecoder verified = new VerifiedTokens(countingDecoder(), timestamps, Duration.ofMinutes(5), 100);

    VerifiedTokensTest() {
        timestamps.setClock(new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private JwtDecoder countingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSource(issuer.key().jwkSource())
                .jwsAlgorithms(algorithms -> algorithms.add(SignatureAlgorithm.RS256)).build();
        nimbus.setJwtValidator(timestamps);
        return token -> {
            fullChecks.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainOnTheNextCalls() {
        String token = issuer.token("dora", "Developer", "t");

        assertThat(verified.decode(token).getSubject()).isEqualTo("dora");
        assertThat(verified.decode(token).getSubject()).isEqualTo("dora");
        assertThat(verified.decode(token).getSubject()).isEqualTo("dora");

        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = issuer.token("dora", "Developer", "t"); // expires in 10 minutes
        verified.decode(token);

        now.set(now.get().plus(Duration.ofMinutes(11)));

        assertThatThrownBy(() -> verified.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aForgedTokenIsCheckedInFullEveryTime() {
        String genuine = issuer.token("dora", "Developer", "t");
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> verified.decode(forged)).isInstanceOf(
                    org.springframework.security.oauth2.jwt.JwtException.class);
        }

        assertThat(fullChecks).hasValue(3);
    }

    @Test
    void aTokenWithOtherClaimsIsADifferentTokenAndIsCheckedItself() {
        Map<String, Object> claims = issuer.claims("dora", "Developer", "t");
        verified.decode(issuer.sign(claims));
        claims.put("sub", "eve");

        assertThat(verified.decode(issuer.sign(claims)).getSubject()).isEqualTo("eve");
        assertThat(fullChecks).hasValue(2);
    }
}
