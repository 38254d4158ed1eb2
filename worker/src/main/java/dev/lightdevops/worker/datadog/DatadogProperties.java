package dev.lightdevops.worker.datadog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker reaches Datadog. The keys are secrets: {@link #toString()} never shows them.
 *
 * @param apiKey {@code DD_API_KEY}
 * @param appKey {@code DD_APP_KEY} (needs the logs_read_data and timeseries_query scopes)
 * @param site {@code DD_SITE}: a site name (US1, US3, US5, EU, AP1, AP2, GOV) or host (datadoghq.eu)
 * @param url a full base URL that overrides the site (a proxy, or a local stub in tests)
 * @param maxAttempts calls per request before giving up on 429, 5xx and timeouts
 * @param backoff the first wait after a 5xx or timeout; doubled each attempt up to {@code maxBackoff}
 * @param maxRateLimitWait the longest wait for a rate-limit reset; a longer reset fails the operation at once as
 *     retryable, saying when to retry
 * @param pageSize logs asked per page of the search (Datadog allows at most 1000)
 * @param connectTimeout connection timeout
 * @param readTimeout read timeout of one call
 */
@Validated
@ConfigurationProperties("devops.datadog")
public record DatadogProperties(
        @DefaultValue("") String apiKey,
        @DefaultValue("") String appKey,
        @DefaultValue("US1") @NotBlank String site,
        URI url,
        @DefaultValue("4") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("500ms") @NotNull Duration backoff,
        @DefaultValue("10s") @NotNull Duration maxBackoff,
        @DefaultValue("60s") @NotNull Duration maxRateLimitWait,
        @DefaultValue("1000") @Min(1) @Max(1000) int pageSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {

    private static final Map<String, String> SITES = Map.of(
            "US1", "datadoghq.com", "US3", "us3.datadoghq.com", "US5", "us5.datadoghq.com",
            "EU", "datadoghq.eu", "EU1", "datadoghq.eu", "AP1", "ap1.datadoghq.com", "AP2", "ap2.datadoghq.com",
            "GOV", "ddog-gov.com", "US1-FED", "ddog-gov.com");

    public boolean hasKeys() {
        return !apiKey.isBlank() && !appKey.isBlank();
    }

    /** The site's host name, as the client's {@code site} server variable expects it. */
    public String siteHost() {
        return SITES.getOrDefault(site.toUpperCase(Locale.ROOT), site.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "DatadogProperties[site=" + site + ", url=" + url + ", apiKey=" + (apiKey.isBlank() ? "unset" : "***")
                + ", appKey=" + (appKey.isBlank() ? "unset" : "***") + "]";
    }
}
