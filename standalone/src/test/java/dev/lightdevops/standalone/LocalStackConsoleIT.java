package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./run-local.sh} as a person starts it (the jar this build packaged, {@code SKIP_BUILD=1}): a short, plain
 * console up to the ready block, one line per operation event, the full JSON log in the file the start lines name,
 * {@code Ctrl-C} (SIGINT) stopping everything, and a second start on the same data. Start and stop times are printed
 * to this test's output (target/failsafe-reports) for docs/benchmarks.md.
 */
class LocalStackConsoleIT {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern MCP_URL = Pattern.compile("Point your MCP client at (http://\\S+)/mcp");
    private static final Duration START_LIMIT = Duration.ofMinutes(4);

    @Test
    void aPersonSeesAShortPlainConsoleWhileTheLogFileHoldsEveryEvent() throws Exception {
        Path data = ROOT.resolve("standalone/target/console-it-data");
        FileSystemUtils.deleteRecursively(data);

        Console first = Console.start(data);
        List<String> beforeReady = first.linesBeforeReady();
        String id = deploy(first.baseUrl());
        String succeeded = first.awaitLine(line -> line.contains("succeeded") && line.contains(id));
        Duration firstStop = first.interrupt();

        assertThat(beforeReady).hasSizeLessThanOrEqualTo(40).noneMatch(line -> line.trim().startsWith("{"));
        assertThat(String.join("\n", beforeReady)).contains(data.toString(), "light-devops.jsonl", "new");
        assertThat(List.copyOf(first.lines())).anyMatch(line -> line.contains("accepted") && line.contains(id)
                && line.contains("deploy console-it 1.0.0 to staging") && line.contains("anonymous"));
        assertThat(succeeded).contains("deploy console-it 1.0.0 to staging");
        assertThat(List.copyOf(first.lines())).anyMatch(line -> line.startsWith("Stopped in"));
        List<JsonNode> records = jsonRecords(data.resolve("logs/light-devops.jsonl"));
        assertThat(records).anyMatch(record -> message(record).contains("Point your MCP client at"));
        List<String> operationLines = first.lines().stream().filter(line -> line.contains("[" + id + "]")).toList();
        assertThat(operationLines).hasSizeGreaterThanOrEqualTo(3).contains(succeeded);
        assertThat(records.stream().map(LocalStackConsoleIT::message).toList())
                .as("the log file holds every event the console told").containsAll(operationLines)
                .anyMatch(message -> message.startsWith("Stopped in"));
        assertThat(records).anyMatch(record -> record.path("log").path("logger").asString("")
                .startsWith("org.apache.kafka") && message(record).contains("ProducerConfig values"));
        assertThat(String.join("\n", first.lines())).doesNotContain("ProducerConfig values");

        Console second = Console.start(data);
        Duration secondStop = second.interrupt();

        assertThat(String.join("\n", second.linesBeforeReady())).contains("kept from the last run");
        System.out.printf("first start: ready in %s, stopped in %s; second start: ready in %s, stopped in %s%n",
                first.readyIn(), firstStop, second.readyIn(), secondStop);
        System.out.println(String.join("\n", first.lines()) + "\n----\n" + String.join("\n", second.lines()));
    }

    private static String deploy(String base) {
        HttpResponse<String> accepted = Http.postJson(base + "/api/v1/tools/deploy_service", """
                {"service":"console-it","version":"1.0.0","environment":"staging"}""");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return ContractJson.mapper().readTree(accepted.body()).get("operation_id").asString();
    }

    private static List<JsonNode> jsonRecords(Path file) throws IOException {
        assertThat(file).exists();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                .map(line -> ContractJson.mapper().readTree(line)).toList();
    }

    private static String message(JsonNode record) {
        return record.path("message").asString("");
    }

    /** One run of the start script, its console read line by line as a terminal would show it. */
    private record Console(Process process, List<String> lines, long startedAt, long[] readyAt) {

        static Console start(Path data) throws IOException {
            // As a terminal starts it: SIGINT at its default even when this build was started in the background of
            // a non-interactive shell (which ignores SIGINT for its children, and the JVM then keeps it ignored).
            ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "bash",
                    ROOT.resolve("run-local.sh").toString(),
                    "--server.port=0", "--devops.standalone.data-directory=" + data).directory(ROOT.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of("SKIP_BUILD", "1"));
            Console console = new Console(builder.start(), new CopyOnWriteArrayList<>(), System.nanoTime(),
                    new long[] {0});
            Thread.ofVirtual().start(console::read);
            await().atMost(START_LIMIT).until(() -> console.readyAt[0] != 0 || !console.process.isAlive());
            assertThat(console.readyAt[0]).as(String.join("\n", console.lines)).isNotZero();
            return console;
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    if (readyAt[0] == 0 && MCP_URL.matcher(line).find()) {
                        readyAt[0] = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> linesBeforeReady() {
            int ready = 0;
            while (!MCP_URL.matcher(lines.get(ready)).find()) {
                ready++;
            }
            return List.copyOf(lines.subList(0, ready));
        }

        String baseUrl() {
            Matcher url = lines.stream().map(MCP_URL::matcher).filter(Matcher::find).findFirst().orElseThrow();
            return url.group(1);
        }

        Duration readyIn() {
            return Duration.ofNanos(readyAt[0] - startedAt);
        }

        String awaitLine(java.util.function.Predicate<String> wanted) {
            await().atMost(Duration.ofMinutes(2)).until(() -> lines.stream().anyMatch(wanted));
            return lines.stream().filter(wanted).findFirst().orElseThrow();
        }

        /** Ctrl-C: SIGINT to the JVM (the script exec's it, so it has the script's pid); waits for the exit. */
        Duration interrupt() throws Exception {
            long began = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(exited).as("the stack stops on SIGINT").isTrue();
            return took;
        }
    }
}
