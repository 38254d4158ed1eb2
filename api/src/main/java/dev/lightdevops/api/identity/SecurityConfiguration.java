package dev.lightdevops.api.identity;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request gate, built on Spring Security's OAuth 2.0 resource server: bearer tokens from the Authorization
 * header only, validated by {@link TokenDecoders}; no sessions, no cookies, no CSRF surface (nothing is authorized
 * by a cookie; foreign browser origins are refused before this chain by {@link BrowserRequestGuard}, and trusted
 * ones get CORS answers, preflights included, before any token is asked for). Without a token, only the public paths are served, unless anonymous mode is on. What a caller may
 * do is decided later, per tool and route, by permissions ({@link ToolPermissions}).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    JwtDecoder jwtDecoder(AuthProperties auth, ObjectProvider<SigningKey> localKey) {
        return TokenDecoders.forSettings(auth, Optional.ofNullable(localKey.getIfAvailable()));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthProperties auth, JwtDecoder decoder, TokenClaims claims,
            JsonMapper json, SecurityAudit audit, BrowserOrigins origins) throws Exception {
        UnauthorizedResponses unauthorized = new UnauthorizedResponses(json, audit);
        String issuer = auth.localIssuer().enabled() ? auth.localIssuer().issuer() : auth.issuerUri();
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(cors -> cors.configurationSource(origins.cors()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(auth.publicPaths().toArray(String[]::new)).permitAll();
                    if (auth.allowAnonymous()) {
                        requests.anyRequest().permitAll();
                    } else {
                        requests.anyRequest().authenticated();
                    }
                })
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new HeaderOnlyBearerTokens())
                        .authenticationEntryPoint(unauthorized)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(claims))
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                document -> {
                                    document.resourceName("Light DevOps MCP")
                                            .tlsClientCertificateBoundAccessTokens(false);
                                    if (!issuer.isBlank()) {
                                        document.authorizationServer(issuer);
                                    }
                                })));
        return http.build();
    }
}
