package dev.lightdevops.api.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens whose signature was already verified, so an agent's calls with the same token skip the parse,
 * key lookup and signature check that profiling found to cost a quarter of a request's CPU. A remembered token is
 * validated again on every use ({@code exp}/{@code nbf}, {@code iss}, {@code aud}), so it is refused the moment it
 * expires; and it is forgotten after {@code ttl}, so a key the issuer withdrew from its JWKS stops being trusted
 * within that time. Only successful decodes are remembered: a bad token is checked in full every time.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, Duration ttl, long maxTokens) {
        this.decoder = decoder;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxTokens).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null && !validator.validate(known).hasErrors()) {
            return known;
        }
        Jwt decoded = decoder.decode(token); // a remembered token that no longer validates fails here with the reason
        verified.put(token, decoded);
        return decoded;
    }
}
