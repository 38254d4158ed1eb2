package dev.lightdevops.worker.datadog;

import com.datadog.api.client.ApiClient;
import java.util.Map;

/** Builds the official client for the configured site, or for an explicit base URL (a proxy, a local stub). */
final class DatadogClients {

    /** The client's server template {@code {protocol}://{name}}, used for an explicit URL. */
    private static final int EXPLICIT_URL_SERVER = 1;

    private DatadogClients() {
    }

    static ApiClient create(DatadogProperties settings) {
        ApiClient client = new ApiClient();
        client.configureApiKeys(Map.of("apiKeyAuth", settings.apiKey(), "appKeyAuth", settings.appKey()));
        client.enableRetry(false);
        client.setConnectTimeout((int) settings.connectTimeout().toMillis());
        client.setReadTimeout((int) settings.readTimeout().toMillis());
        if (settings.url() != null && settings.url().getScheme() != null) {
            String authority = settings.url().getRawAuthority() + (settings.url().getRawPath() == null ? ""
                    : settings.url().getRawPath().replaceAll("/+$", ""));
            client.setServerIndex(EXPLICIT_URL_SERVER);
            client.setServerVariables(Map.of("protocol", settings.url().getScheme(), "name", authority));
        } else {
            client.setServerVariables(Map.of("site", settings.siteHost()));
        }
        return client;
    }
}
