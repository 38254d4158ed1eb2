package dev.lightdevops.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Bearer tokens come from the Authorization header only. A token in the URL ({@code ?access_token=}) ends up in
 * access logs, proxies and browser history, so such a request is refused outright rather than silently ignored.
 */
final class HeaderOnlyBearerTokens implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && (query.startsWith("access_token=") || query.contains("&access_token="))) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                    "tokens in the URL are refused; send them in the Authorization header"));
        }
        return header.resolve(request);
    }
}
