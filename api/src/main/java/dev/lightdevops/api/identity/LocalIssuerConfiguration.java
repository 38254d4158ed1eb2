package dev.lightdevops.api.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The development issuer's key: only with the {@code local} profile and {@code devops.auth.local-issuer.enabled}.
 * It lives as long as the process; tokens minted by an earlier run are not trusted by the next one.
 */
@Configuration
@Profile("local")
@ConditionalOnBooleanProperty("devops.auth.local-issuer.enabled")
class LocalIssuerConfiguration {

    @Bean
    SigningKey localSigningKey() {
        return SigningKey.generate("local-" + java.util.UUID.randomUUID());
    }
}
