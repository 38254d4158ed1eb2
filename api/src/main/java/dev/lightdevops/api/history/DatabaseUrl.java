package dev.lightdevops.api.history;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A database location as platforms hand it over in {@code DATABASE_URL}: the libpq URI form
 * {@code postgres[ql]://user:password@host:port/database?params}, or a JDBC URL as it is. The credentials are taken
 * out of the URI, so the JDBC URL (which may be logged) never carries them.
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user named in the URI, or null
 * @param password the password named in the URI, or null
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static DatabaseUrl parse(String text) {
        String url = text.trim();
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/database "
                    + "or a jdbc:postgresql:// URL");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (percent-encode special characters "
                    + "in the password)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user " + username + "]";
    }
}
