package dev.lightdevops.standalone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.api.ApiApplication;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.standalone.StandaloneApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real MCP clients from npm drive the whole stack (api and worker on a real broker) over HTTP: the TypeScript SDK 1.x
 * client in the 2025-11-25 era, the v2 client in the 2026-07-28 era, both also confirming deploys through
 * elicitation (with a second api instance receiving the 2025-11-25 answers), and the MCP Inspector CLI in both, then both
 * conformance suites against the baselines in {@code mcp-tests/conformance/}. Each script prints one line per check
 * and fails on any failed check, so a failure message here names the check.
 */
class McpClientsTest {

    /** Staging deploys must be confirmed here (production is the default), so that anonymous callers are asked. */
    private static final String CONFIRM_STAGING = "--devops.approvals.environments.staging.confirm=true";

    private static StandaloneApplication stack;
    private static ConfigurableApplicationContext otherApi;
    private static Path project;

    @TempDir
    static Path home;

    @BeforeAll
    static void startStack() throws Exception {
        project = NodeTooling.install();
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=300ms", CONFIRM_STAGING);
    }

    /** A second api instance on the same broker, for the elicitation answers that reach another instance. */
    private static synchronized String otherMcpUrl() {
        if (otherApi == null) {
            otherApi = ApiApplication.builder().profiles("local").run("--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(), CONFIRM_STAGING);
        }
        return "http://127.0.0.1:" + otherApi.getEnvironment().getProperty("local.server.port") + "/mcp";
    }

    @AfterAll
    static void stopStack() {
        if (otherApi != null) {
            otherApi.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void typescriptSdkClientUsesEveryToolTasksProgressResourcesAndCancelIn20251125() {
        assertPasses("legacy-sdk.mjs");
    }

    @Test
    void v2ClientUsesEveryToolTasksProgressResourcesListenAndCancelIn20260728() {
        assertPasses("modern-client.mjs");
    }

    @Test
    void realClientsConfirmThroughElicitationInBothErasAcceptProceedsDeclineAndCancelPublishNothing() {
        assertPasses("elicitation.mjs", otherMcpUrl());
    }

    @Test
    void inspectorCliListsCallsAndReadsInBothEras() {
        assertPasses("inspector-cli.mjs");
    }

    @Test
    void conformanceSuitesPassEveryApplicableCheck() {
        assertPasses("conformance.mjs");
    }

    private static void assertPasses(String script, String... moreArguments) {
        assertThat(Files.isRegularFile(project.resolve(script))).as(script).isTrue();
        String[] arguments = java.util.stream.Stream.concat(java.util.stream.Stream.of(stack.mcpUrl()),
                java.util.Arrays.stream(moreArguments)).toArray(String[]::new);
        NodeTooling.Result result = NodeTooling.runScript(project, script,
                Map.of("INSPECTOR_HOME", home.toString(), "NO_COLOR", "1"), 5, arguments);
        assertThat(result.exitCode()).as(script + " output:\n" + result.output()).isZero();
        assertThat(result.output()).contains(" 0 failed");
    }
}
