package dev.lightdevops.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.identity.TestIssuer;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With authentication on: the dashboard page, the OpenAPI document and the management port's scrape endpoint are
 * served without a token; the REST API and the dashboard's data feed are not.
 */
class SecuredEdgesTest {

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext api;
    private static String base;

    @BeforeAll
    static void startApi() {
        issuer = new TestIssuer();
        api = ApiTestContexts.start(issuer.apiArguments());
        base = ApiTestContexts.baseUrl(api);
    }

    @AfterAll
    static void stopApi() {
        api.close();
        issuer.close();
    }

    @Test
    void dashboardPageAndApiDocumentNeedNoToken() {
        HttpResponse<String> page = Http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Accept", "text/html"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("dashboard.js");
        assertThat(Http.get(base + "/dashboard/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusOnTheManagementPortNeedsNoToken() {
        String management = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.management.port");

        assertThat(Http.get(management + "/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void restAndTheFeedNeedAToken() throws Exception {
        assertThat(Http.get(base + "/api/v1/whoami").statusCode()).isEqualTo(401);
        assertThat(Http.get(base + "/dashboard/feed").statusCode()).isEqualTo(401);

        String token = issuer.token("dana", "Developer", "acme");
        HttpResponse<String> me = Http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/whoami"))
                .header("Authorization", "Bearer " + token));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ContractJson.mapper().readTree(me.body()).get("tenant").asString()).isEqualTo("acme");
        HttpResponse<java.io.InputStream> feed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/dashboard/feed")).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(feed.statusCode()).isEqualTo(200);
        feed.body().close();
    }
}
