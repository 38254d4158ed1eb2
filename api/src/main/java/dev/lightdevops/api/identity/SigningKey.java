package dev.lightdevops.api.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * An RSA signing key made in memory, with its public JWKS: the local development issuer signs with it, and the test
 * suite mints its tokens with it (served from a stub JWKS endpoint), so both exercise the production decoder.
 */
public final class SigningKey {

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;

    private SigningKey(RSAKey key) {
        this.key = key;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    /** A fresh 2048-bit RSA key with a random key id. */
    public static SigningKey generate() {
        return generate(UUID.randomUUID().toString());
    }

    /** A fresh key with the given key id (tests use a same-kid key to forge a wrong signature). */
    public static SigningKey generate(String keyId) {
        try {
            return new SigningKey(new RSAKeyGenerator(2048).keyID(keyId).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half as a JWKS document ({@code {"keys":[...]}}). */
    public Map<String, Object> publicJwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    JWKSource<SecurityContext> jwkSource() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    /** Signs a token (RS256) with these claims; {@code iat} defaults to now. */
    public String sign(Map<String, Object> claims) {
        JwtClaimsSet.Builder set = JwtClaimsSet.builder();
        claims.forEach(set::claim);
        if (!claims.containsKey("iat")) {
            set.issuedAt(Instant.now());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, set.build())).getTokenValue();
    }
}
