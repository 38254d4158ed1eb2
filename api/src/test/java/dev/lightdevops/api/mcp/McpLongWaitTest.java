package dev.lightdevops.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiTestContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An MCP answer that legitimately waits longer than Spring MVC's default async request timeout (tasks/result waits up
 * to {@code devops.mcp.result-wait}) still ends as JSON-RPC, never as the servlet's 503. No worker runs here, so the
 * operation stays queued and tasks/result waits its whole result-wait.
 */
class McpLongWaitTest {

    private static ConfigurableApplicationContext api;
    private static McpExchange mcp;

    @BeforeAll
    static void startApi() {
        api = ApiTestContexts.start("--spring.mvc.async.request-timeout=200ms", "--devops.mcp.result-wait=2s");
        mcp = new McpExchange(ApiTestContexts.baseUrl(api) + "/mcp");
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void tasksResultWaitingLongerThanTheAsyncRequestTimeoutAnswersInJsonRpc() {
        McpExchange.Reply created = mcp.legacy("tools/call", """
                "name":"deploy_service","task":{"ttl":60000},
                "arguments":{"service":"slow-result","version":"1.0.0","environment":"development"}""");
        String taskId = created.result().get("task").get("taskId").asString();

        McpExchange.Reply result = mcp.legacy("tasks/result", "\"taskId\":\"" + taskId + "\"");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.errorMessage()).contains("still queued");
    }
}
