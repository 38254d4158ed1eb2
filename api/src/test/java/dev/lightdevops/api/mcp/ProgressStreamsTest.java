package dev.lightdevops.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.operations.OperationView;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The life of a progress stream against the operation view's subscriptions. The tool call's future is the seam: the
 * test decides whether the stream closes before or after the call is accepted, so the order is forced, not raced.
 */
class ProgressStreamsTest {

    private final OperationView view = new OperationView();
    private final ProgressStreams streams = new ProgressStreams(view,
            new ToolCalls(null, null, view, null, null, null, ContractJson.mapper()),
            new ApiProperties(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMinutes(30),
                    Duration.ofSeconds(1)),
            new McpProperties(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15)),
            ContractJson.mapper());
    private final CompletableFuture<ToolResult> call = new CompletableFuture<>();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StreamEndpoint()).build();
    private final Instant now = Instant.now();
    private final Operation queued = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
            new Target("cart", "staging"), Map.of(), Map.of("placeholder", true), "alice", "acme", null, now,
            now.plusSeconds(600), null);

    @Test
    void aStreamClosedBeforeItsCallWasAcceptedLeavesNoSubscriberBehind() throws Exception {
        MvcResult stream = openStream();

        ((MockAsyncContext) stream.getRequest().getAsyncContext()).complete();
        call.complete(ToolResult.accepted(queued, Duration.ofSeconds(1)));

        assertThat(view.subscriberCount()).isZero();
    }

    @Test
    void anOpenStreamFollowsItsOperationUntilItEnds() throws Exception {
        openStream();
        call.complete(ToolResult.accepted(queued, Duration.ofSeconds(1)));
        int whileRunning = view.subscriberCount();

        view.apply(queued.succeeded(Map.of("version", "1.0.0"), now.plusSeconds(1)));

        assertThat(whileRunning).isEqualTo(1);
        assertThat(view.subscriberCount()).isZero();
    }

    private MvcResult openStream() throws Exception {
        return mvc.perform(post("/stream")).andExpect(request().asyncStarted()).andReturn();
    }

    @RestController
    class StreamEndpoint {

        @PostMapping("/stream")
        SseEmitter open() {
            return streams.open(new McpRequest(42, "tools/call", ContractJson.mapper().createObjectNode(),
                    new ClientProfile(ProtocolEra.LEGACY, ProtocolEra.LATEST_LEGACY, null, true, false), null,
                    "progress-1"), call);
        }
    }
}
