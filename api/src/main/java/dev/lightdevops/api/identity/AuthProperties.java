package dev.lightdevops.api.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication and role settings ({@code devops.auth.*}). Defaults fit Descope; any other OIDC provider works by
 * changing the issuer and the claim paths (docs/security.md).
 *
 * @param allowAnonymous whether callers without a token are served (local use only); never with production access
 * @param anonymousRole the role anonymous callers get
 * @param anonymousTenant the tenant anonymous callers act in
 * @param issuerUri the OIDC issuer: the expected {@code iss}, and where the JWKS is discovered when no
 *        {@code jwkSetUri} is given
 * @param jwkSetUri where the signing keys are, when the issuer has no discovery document (or to skip discovery)
 * @param audiences accepted {@code aud} values; empty means the audience is not checked
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param defaultTenant the tenant of a token that names none
 * @param publicPaths paths served without a token (health, metadata); everything else needs one
 * @param claims where in the token each fact is
 * @param roles role name to permissions; role names match case-insensitively, ignoring {@code _}/{@code -}
 * @param localIssuer the development token issuer of the standalone stack
 * @param tokenCache how verified tokens are remembered
 */
@Validated
@ConfigurationProperties("devops.auth")
public record AuthProperties(
        @DefaultValue("false") boolean allowAnonymous,
        @DefaultValue("Observer") @NotBlank String anonymousRole,
        @DefaultValue("local") @NotBlank String anonymousTenant,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue({}) List<String> audiences,
        @DefaultValue("30s") @NotNull Duration clockSkew,
        @DefaultValue("default") @NotBlank String defaultTenant,
        @DefaultValue({"/error", "/health", "/actuator/health/**", "/local/jwks.json", "/local/tokens"})
        List<String> publicPaths,
        @DefaultValue @Valid @NotNull Claims claims,
        @DefaultValue({}) Map<String, List<String>> roles,
        @DefaultValue @Valid @NotNull LocalIssuer localIssuer,
        @DefaultValue @Valid @NotNull TokenCache tokenCache) {

    public AuthProperties {
        audiences = audiences.stream().map(String::strip).filter(audience -> !audience.isEmpty()).toList();
    }

    /**
     * Claim paths: dot-separated paths into the token's claims; {@code {tenant}} stands for the caller's tenant.
     *
     * @param roles where roles are; all paths are merged
     * @param permissions where extra permissions are (added to the role-derived ones)
     * @param tenant where the caller's current tenant is (Descope: {@code dct}); the first present wins
     * @param tenants a map whose keys are the caller's tenants (Descope: {@code tenants}); used when the token
     *        names exactly one tenant and no current one
     */
    public record Claims(
            @DefaultValue({"roles", "tenants.{tenant}.roles"}) List<String> roles,
            @DefaultValue({"permissions", "tenants.{tenant}.permissions"}) List<String> permissions,
            @DefaultValue({"dct"}) List<String> tenant,
            @DefaultValue("tenants") String tenants,
            @DefaultValue("name") String name,
            @DefaultValue("email") String email) {
    }

    /**
     * The local development issuer (only with the {@code local} profile).
     *
     * @param enabled whether the api mints and trusts local tokens
     * @param issuer the {@code iss} of local tokens
     * @param tokenTtl how long a minted token lives unless asked otherwise
     */
    public record LocalIssuer(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("http://localhost/local-issuer") @NotBlank String issuer,
            @DefaultValue("8h") @NotNull Duration tokenTtl) {
    }

    /**
     * Verified tokens remembered so that repeated calls skip the signature check (each use is still checked for
     * expiry, issuer and audience).
     *
     * @param ttl how long a verified token is trusted without a new signature check; bounds how long a key withdrawn
     *        from the issuer's JWKS is still honoured; 0 turns the cache off
     * @param maxTokens how many distinct tokens are remembered at most
     */
    public record TokenCache(
            @DefaultValue("5m") @NotNull Duration ttl,
            @DefaultValue("10000") @Positive long maxTokens) {

        boolean enabled() {
            return !ttl.isZero() && !ttl.isNegative();
        }
    }
}
