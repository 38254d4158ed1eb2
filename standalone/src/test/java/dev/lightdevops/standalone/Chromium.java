package dev.lightdevops.standalone;

import static org.awaitility.Awaitility.await;


import dev.lightdevops.common.json.ContractJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * A headless Debian {@code chromium} driven over the Chrome DevTools Protocol (a WebSocket, JDK client): navigate,
 * evaluate JavaScript, take a screenshot. A fresh profile per instance; no network use beyond the page under test.
 */
final class Chromium implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
    }

    /** The chromium binary: {@code $CHROMIUM_BIN}, else Debian's {@code /usr/bin/chromium}, if it exists. */
    static Optional<Path> binary() {
        String configured = System.getenv("CHROMIUM_BIN");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * The chromium binary, or a failure saying what to do: the browser tests run in every build (the standalone
     * module's build installs Debian's chromium first where it may, scripts/ensure-chromium.sh), never skip.
     */
    static Path required() {
        return binary().orElseThrow(() -> new IllegalStateException("no chromium at $CHROMIUM_BIN or "
                + "/usr/bin/chromium: the build installs Debian's chromium where it may (scripts/ensure-chromium.sh "
                + "says why it did not); install it, or set CHROMIUM_BIN"));
    }

    static Chromium launch(Path binary, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--window-size=" + width + "," + height, "about:blank"))
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive()
                || (Files.exists(portFile) && !Files.readAllLines(portFile).isEmpty()));
        if (!process.isAlive()) {
            throw new IllegalStateException("chromium did not start: "
                    + Files.readString(profile.resolve("chromium.log")));
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = ContractJson.mapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        String pageSocket = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asString())) {
                pageSocket = target.get("webSocketDebuggerUrl").asString();
            }
        }
        Chromium[] self = new Chromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    self[0].onMessage(message.toString());
                    message.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new Chromium(process, profile, socket);
        return self[0];
    }

    void navigate(String url) {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page; answers its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    void screenshot(Path png) throws IOException {
        String data = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asString();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        page.sendText(new String(ContractJson.write(Map.of("id", id, "method", method, "params", params)),
                java.nio.charset.StandardCharsets.UTF_8), true).join();
        JsonNode message = answer.orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (message.has("error")) {
            throw new IllegalStateException(method + " failed: " + message.get("error"));
        }
        return message.get("result");
    }

    private void onMessage(String text) {
        JsonNode message = ContractJson.mapper().readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = calls.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        }
    }

    @Override
    public void close() throws IOException {
        page.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        FileSystemUtils.deleteRecursively(profile);
    }
}
