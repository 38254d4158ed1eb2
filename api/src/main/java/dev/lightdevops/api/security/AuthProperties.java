package dev.lightdevops.api.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication settings.
 *
 * @param allowAnonymous whether callers without a token are served (local use only); they never get production access
 * @param anonymousRole the role anonymous callers get
 */
@Validated
@ConfigurationProperties("devops.auth")
public record AuthProperties(
        @DefaultValue("false") boolean allowAnonymous,
        @DefaultValue("Observer") @NotBlank String anonymousRole) {
}
