package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * A trace started by a client's tool call continues through Kafka's record headers into the worker: the operation
 * carries the trace id, and the worker's JSON log lines about that operation carry the same trace id along with the
 * operation id and the principal.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceThroughKafkaTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static StandaloneApplication stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.console=json",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=20ms", "--logging.structured.format.console=ecs");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void traceIdOfTheToolCallReachesTheWorkersLogLinesForThatOperation(CapturedOutput output) {
        String id = deployWithTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                workerLines(output, id).stream().map(line -> line.path("message").asString()))
                .anyMatch(message -> message.contains("ended succeeded")));

        JsonNode operation = ContractJson.mapper().readTree(
                Http.get(stack.baseUrl() + "/api/v1/operations/" + id).body());
        assertThat(operation.get("trace_id").asString()).isEqualTo(TRACE_ID);
        List<JsonNode> lines = workerLines(output, id);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
            assertThat(line.path("principal").asString()).isEqualTo("anonymous");
        });
    }

    private static String deployWithTraceparent(String traceparent) {
        String body = """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy_service",
                 "arguments":{"service":"traced","version":"1.0.0","environment":"staging"}}}""";
        String answer = Http.send(HttpRequest.newBuilder(URI.create(stack.mcpUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("traceparent", traceparent).POST(HttpRequest.BodyPublishers.ofString(body))).body();
        return ContractJson.mapper().readTree(answer).get("result").get("structuredContent")
                .get("operation_id").asString();
    }

    /** The structured log lines a worker class wrote about the operation. */
    private static List<JsonNode> workerLines(CapturedOutput output, String operationId) {
        return output.getOut().lines().filter(line -> line.startsWith("{"))
                .map(TraceThroughKafkaTest::parse).filter(Objects::nonNull)
                .filter(line -> operationId.equals(line.path("operation_id").asString(null)))
                .filter(line -> line.path("log").path("logger").asString("").startsWith("dev.lightdevops.worker")
                        || line.path("log.logger").asString("").startsWith("dev.lightdevops.worker"))
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return ContractJson.mapper().readTree(line);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
