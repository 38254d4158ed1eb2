package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The header is read exactly as Spring Security's own resolver reads it; only URL tokens are refused in addition. */
class HeaderOnlyBearerTokensTest {

    private final HeaderOnlyBearerTokens tokens = new HeaderOnlyBearerTokens();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_jkl~mno+p/q==", "bearer abc", "BEARER a.b.c", "Bearer ", "Bearer",
            "Bearer  abc", "Bearer abc def", "Bearer abc=def", "Bearer ===", "Bearer abc\u00e9", "Bearerabc",
            "Basic dXNlcjpwYXNz", "Token abc", "", "Bearer a.b.c ", "Bearer\tabc"})
    void readsTheHeaderAsSpringSecurityDoes(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
        request.addHeader("Authorization", header);

        String expected;
        try {
            expected = spring.resolve(request);
        } catch (OAuth2AuthenticationException malformed) {
            assertThatThrownBy(() -> tokens.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                    .hasMessage(malformed.getMessage());
            return;
        }
        assertThat(tokens.resolve(request)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_token=abc", "a=1&access_token=abc"})
    void refusesATokenInTheUrl(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
        request.setQueryString(query);

        assertThatThrownBy(() -> tokens.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("tokens in the URL are refused");
    }
}
