package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Local mode as a web page on another site would find it: what browsers send (Origin, Sec-Fetch-Site, Host,
 * preflights) decides whether a page may mint a token or cancel an operation; clients that are not browsers pass.
 */
class BrowserRequestGuardTest {

    private static final String EVIL = "http://evil.example";

    private static ConfigurableApplicationContext api;
    private static String base;
    private static int port;

    @BeforeAll
    static void start() {
        api = ApiTestContexts.start("--spring.profiles.active=local", "--devops.auth.local-issuer.enabled=true");
        base = ApiTestContexts.baseUrl(api);
        port = URI.create(base).getPort();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aPageOnAnotherSiteCannotMintALocalToken() {
        HttpResponse<String> minted = Http.send(post("/local/tokens", "{}").header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site"));

        assertThat(minted.statusCode()).isEqualTo(403);
        assertThat(minted.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(minted.body()).get("type").asString()).endsWith("/forbidden-origin");
        assertThat(minted.body()).doesNotContain("access_token");
    }

    @Test
    void aRebindingPageIsRefusedThoughTheBrowserCallsItSameOrigin() {
        String mint = raw("POST", "/local/tokens", "rebind.example:" + port, "Sec-Fetch-Site: same-origin", "{}");
        String keys = raw("GET", "/local/jwks.json", "rebind.example:" + port, "Sec-Fetch-Site: same-origin", null);
        String onLoopback = raw("POST", "/local/tokens", "localhost:" + port, "Sec-Fetch-Site: same-origin", "{}");

        assertThat(mint).startsWith("HTTP/1.1 403").contains("rebind.example").doesNotContain("access_token");
        assertThat(keys).startsWith("HTTP/1.1 403");
        assertThat(onLoopback).startsWith("HTTP/1.1 200").contains("access_token");
    }

    @Test
    void aCrossSiteCancelLeavesTheOperationQueued() {
        String id = deploy();

        HttpResponse<String> withOrigin = Http.send(post("/api/v1/operations/" + id + ":cancel", "")
                .header("Origin", EVIL));
        HttpResponse<String> withoutOrigin = Http.send(post("/api/v1/operations/" + id + ":cancel", "")
                .header("Sec-Fetch-Site", "cross-site"));

        assertThat(withOrigin.statusCode()).isEqualTo(403);
        assertThat(withoutOrigin.statusCode()).isEqualTo(403);
        assertThat(json(Http.get(base + "/api/v1/operations/" + id).body()).get("status").asString())
                .isEqualTo("queued");
    }

    @Test
    void theServersOwnPagesAndNonBrowserClientsMayCancel() {
        String fromDashboard = deploy();
        String fromCurl = deploy();

        HttpResponse<String> dashboard = Http.send(post("/api/v1/operations/" + fromDashboard + ":cancel", "")
                .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin"));
        HttpResponse<String> curl = Http.send(post("/api/v1/operations/" + fromCurl + ":cancel", ""));

        assertThat(json(dashboard.body()).get("status").asString()).isEqualTo("cancelled");
        assertThat(json(curl.body()).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void aPreflightFromATrustedOriginIsAnsweredAndOneFromAForeignOriginIsRefused() {
        HttpResponse<String> trusted = Http.send(preflight("http://localhost:6274"));
        HttpResponse<String> foreign = Http.send(preflight(EVIL));

        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(trusted.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
        assertThat(trusted.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("mcp-protocol-version");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static String deploy() {
        HttpResponse<String> accepted = Http.postJson(base + "/api/v1/tools/deploy_service", """
                {"service":"guarded","version":"1.0.0","environment":"staging"}""");
        assertThat(accepted.statusCode()).isEqualTo(202);
        return json(accepted.body()).get("operation_id").asString();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,mcp-protocol-version")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    /** An HTTP/1.1 exchange over a plain socket: the JDK's client will not send a Host of our choosing. */
    private static String raw(String method, String path, String host, String header, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + header + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String body) {
        return ContractJson.mapper().readTree(body);
    }
}
