package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The decoder built from an issuer alone discovers the JWKS through the issuer's OIDC discovery document. */
class TokenDecodersTest {

    private static final TestIssuer issuer = new TestIssuer();

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static JwtDecoder decoder(Map<String, String> settings) {
        AuthProperties auth = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("devops.auth", AuthProperties.class);
        return TokenDecoders.forSettings(auth, Optional.empty());
    }

    @Test
    void issuerUriAloneDiscoversTheKeysAndChecksTheIssuer() {
        JwtDecoder decoder = decoder(Map.of("devops.auth.issuer-uri", issuer.issuer()));
        Map<String, Object> foreign = new LinkedHashMap<>(issuer.claims("eve", "Observer", "t"));
        foreign.put("iss", "https://elsewhere.example.com");

        assertThat(decoder.decode(issuer.token("dora", "Observer", "t")).getSubject()).isEqualTo("dora");
        assertThatThrownBy(() -> decoder.decode(issuer.sign(foreign))).isInstanceOf(JwtException.class);
    }

    @Test
    void withoutAnyIssuerEveryTokenIsRefused() {
        JwtDecoder decoder = decoder(Map.of());

        assertThatThrownBy(() -> decoder.decode(issuer.token("dora", "Observer", "t")))
                .isInstanceOf(JwtException.class).hasMessageContaining("no token issuer");
    }
}
