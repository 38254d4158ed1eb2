package dev.lightdevops.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api as a client sees it, over real HTTP/1.1 (java.net.http): MCP JSON-RPC, the seed-compatible tool routes
 * and the REST operation routes. Responses are checked with cheap text matches, not parsed, so that the load
 * generator spends its share of the two cores on sending rather than on JSON.
 *
 * <p>{@link #sendAsync} futures complete on the ForkJoin common pool: java.net.http hands them there
 * ({@code CompletableFuture}'s default executor; {@link #send} does not), and on 2 cores that pool has one worker. A task that blocks in it holds back every
 * answer until it ends (drill-broker's cause D: its outage task slept there, and calls the api had answered in 2 s
 * timed out at 15 s). Long or blocking tasks beside this client run on {@link #OWN_THREAD}.
 */
public final class ApiClient {

    private static final Pattern OPERATION_ID = Pattern.compile("\"operation_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");

    /** Runs a task on a thread of its own: for the long, blocking tasks of a drill (see the class comment). */
    public static final java.util.concurrent.Executor OWN_THREAD = task -> Thread.ofPlatform().daemon()
            .name("drill-task").start(task);

    private final URI base;
    private final HttpClient http;
    private final String authorization;

    public ApiClient(String baseUrl, String bearerToken) {
        this.base = URI.create(baseUrl);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, daemon()))
                .build();
        this.authorization = bearerToken == null || bearerToken.isBlank() ? null : "Bearer " + bearerToken;
    }

    public static String deployCall(long id, String service, String environment, String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"deploy_service\","
                + "\"arguments\":" + deployArguments(service, environment, version) + "}}";
    }

    /** A deploy that only checks what it would replace: the api's acceptance path in full, little work for a worker. */
    public static String dryRunDeployCall(long id, String service, String environment, String version) {
        String arguments = deployArguments(service, environment, version);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"deploy_service\","
                + "\"arguments\":" + arguments.substring(0, arguments.length() - 1) + ",\"dry_run\":true}}}";
    }

    public static String deployArguments(String service, String environment, String version) {
        return "{\"service\":\"" + service + "\",\"version\":\"" + version + "\",\"environment\":\"" + environment + "\"}";
    }

    public static String getOperationCall(long id, String operationId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"get_operation\","
                + "\"arguments\":{\"id\":\"" + operationId + "\"}}}";
    }

    public HttpRequest.Builder post(String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return authorize(builder);
    }

    public HttpRequest.Builder get(String path, Duration timeout) {
        return authorize(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json").GET());
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return http.sendAsync(request, body);
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The operation id of an accepted call, or null when the answer is not an acceptance. */
    public static String acceptedOperationId(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2 || response.body().contains("\"isError\":true")
                || response.body().contains("\"error\":{")) {
            return null;
        }
        Matcher matcher = OPERATION_ID.matcher(response.body());
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The first status field of a body (the operation's, for the operation routes). */
    public static String status(String body) {
        Matcher matcher = STATUS.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    public static boolean terminal(String status) {
        return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status)
                || "timed_out".equals(status);
    }

    /** The Authorization header value the calls carry, or null when anonymous. */
    public String authorization() {
        return authorization;
    }

    public URI base() {
        return base;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "http-client");
            thread.setDaemon(true);
            return thread;
        };
    }
}
