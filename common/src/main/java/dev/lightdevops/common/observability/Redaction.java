package dev.lightdevops.common.observability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text and from argument maps before they reach a log line or an audit record: bearer and
 * basic credentials, anything shaped like a JWT, cookies, and values of keys that name a secret (token, api key,
 * app key, password, secret, authorization).
 */
public final class Redaction {

    public static final String MASK = "[REDACTED]";

    private static final Set<String> SECRET_KEYS = Set.of("token", "access_token", "id_token", "refresh_token",
            "authorization", "cookie", "set-cookie", "password", "secret", "client_secret", "api_key", "apikey",
            "app_key", "appkey", "dd_api_key", "dd_app_key", "x-api-key", "dd-api-key", "dd-application-key");

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");
    private static final Pattern SCHEME_CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic|dpop)\\s+[A-Za-z0-9._~+/=-]{12,}");
    private static final Pattern HEADER_VALUES = Pattern.compile(
            "(?i)\\b(authorization|cookie|set-cookie|x-api-key|dd-api-key|dd-application-key)(\"?\\s*[:=]\\s*)"
                    + "(\\[[^\\]]*\\]|\"[^\"]*\"|[^,;}\\n]+)");
    private static final Pattern KEY_VALUES = Pattern.compile(
            "(?i)\\b([a-z_]*(?:token|api_?key|app_?key|password|secret))(\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,;&}\"]+)");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = JWT.matcher(text).replaceAll(MASK);
        out = SCHEME_CREDENTIALS.matcher(out).replaceAll("$1 " + MASK);
        out = HEADER_VALUES.matcher(out).replaceAll("$1$2" + MASK);
        return KEY_VALUES.matcher(out).replaceAll("$1$2" + MASK);
    }

    /** A copy of tool arguments fit for an audit record: secret-named keys masked, strings redacted. */
    public static Map<String, Object> arguments(Map<String, Object> arguments) {
        Map<String, Object> safe = new LinkedHashMap<>();
        arguments.forEach((key, value) -> safe.put(key, SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT)) ? MASK
                : value instanceof String text ? redact(text) : value));
        return safe;
    }
}
