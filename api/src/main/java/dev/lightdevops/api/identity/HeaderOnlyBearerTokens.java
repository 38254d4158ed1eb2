package dev.lightdevops.api.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Bearer tokens come from the Authorization header only. A token in the URL ({@code ?access_token=}) ends up in
 * access logs, proxies and browser history, so such a request is refused outright rather than silently ignored.
 * The header is read as {@code DefaultBearerTokenResolver} reads it (scheme case-insensitive, the token in RFC 6750's
 * b64token alphabet), with a character scan instead of its regular expression, which cost 4 % of a call's CPU.
 */
final class HeaderOnlyBearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "bearer";

    @Override
    public String resolve(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && (query.startsWith("access_token=") || query.contains("&access_token="))) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                    "tokens in the URL are refused; send them in the Authorization header"));
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (authorization.length() <= SCHEME.length() + 1 || authorization.charAt(SCHEME.length()) != ' '
                || !isB64Token(authorization, SCHEME.length() + 1)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length() + 1);
    }

    /** RFC 6750 §2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static boolean isB64Token(String header, int start) {
        int end = header.length();
        while (end > start && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = header.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
