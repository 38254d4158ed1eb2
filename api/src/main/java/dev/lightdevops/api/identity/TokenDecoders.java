package dev.lightdevops.api.identity;

import dev.lightdevops.api.identity.AuthProperties.TokenCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the one {@link JwtDecoder} the api trusts: the local issuer's key (local mode), a JWKS URL, or an OIDC
 * issuer's discovered JWKS. Every token is checked for signature, {@code exp}/{@code nbf} (with a small skew),
 * {@code iss} and, when configured, {@code aud}. Unsigned ({@code alg: none}) tokens never pass Nimbus. Verified
 * tokens are remembered for a while ({@link VerifiedTokens}) unless {@code devops.auth.token-cache.ttl} is 0.
 */
final class TokenDecoders {

    private static final Logger log = LoggerFactory.getLogger(TokenDecoders.class);

    private TokenDecoders() {
    }

    static JwtDecoder forSettings(AuthProperties auth, Optional<SigningKey> localKey) {
        NimbusJwtDecoder decoder;
        String issuer;
        if (localKey.isPresent()) {
            issuer = auth.localIssuer().issuer();
            decoder = NimbusJwtDecoder.withJwkSource(localKey.get().jwkSource()).jwsAlgorithms(TokenDecoders::algorithms)
                    .build();
            log.warn("LOCAL TOKEN ISSUER ON: tokens signed by this process's development key ({}) are trusted", issuer);
        } else if (!auth.jwkSetUri().isBlank()) {
            issuer = auth.issuerUri();
            decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri()).jwsAlgorithms(TokenDecoders::algorithms).build();
            if (issuer.isBlank()) {
                log.warn("devops.auth.jwk-set-uri is set without devops.auth.issuer-uri: the token issuer is not checked");
            }
        } else if (!auth.issuerUri().isBlank()) {
            issuer = auth.issuerUri();
            decoder = NimbusJwtDecoder.withIssuerLocation(issuer).jwsAlgorithms(TokenDecoders::algorithms).build();
        } else {
            log.warn("No token issuer is configured (devops.auth.issuer-uri / jwk-set-uri): every token is refused");
            return token -> {
                throw new BadJwtException("no token issuer is configured");
            };
        }
        if (auth.audiences().isEmpty() && localKey.isEmpty()) {
            log.warn("devops.auth.audiences is empty: tokens issued for other services of {} are accepted too", issuer);
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, auth.audiences(), auth);
        decoder.setJwtValidator(validator);
        TokenCache cache = auth.tokenCache();
        return cache.enabled() ? new VerifiedTokens(decoder, validator, cache.ttl(), cache.maxTokens()) : decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, AuthProperties auth) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(auth.clockSkew()));
        if (!issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!audiences.isEmpty()) {
            validators.add(audience(audiences));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidator<Jwt> audience(Collection<String> accepted) {
        OAuth2Error wrongAudience = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token's audience is not this server", null);
        return token -> token.getAudience() != null && token.getAudience().stream().anyMatch(accepted::contains)
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

    private static void algorithms(java.util.Set<SignatureAlgorithm> algorithms) {
        algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
                SignatureAlgorithm.PS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384));
    }
}
