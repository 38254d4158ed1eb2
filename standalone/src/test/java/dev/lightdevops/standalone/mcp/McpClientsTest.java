package dev.lightdevops.standalone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.standalone.StandaloneApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MCP clients from npm drive the whole stack (api and worker on a real broker) over HTTP: the TypeScript SDK 1.x
 * client in the 2025-11-25 era, the v2 client in the 2026-07-28 era, and the MCP Inspector CLI in both, then both
 * conformance suites against the baselines in {@code mcp-tests/conformance/}. Each script prints one line per check
 * and fails on any failed check, so a failure message here names the check.
 */
class McpClientsTest {

    private static StandaloneApplication stack;
    private static Path project;

    @TempDir
    static Path home;

    @BeforeAll
    static void startStack() throws Exception {
        project = NodeTooling.install();
        stack = StandaloneApplication.start("--server.port=0", "--devops.standalone.data-directory=target/stack-data",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=300ms");
    }

    @AfterAll
    static void stopStack() {
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
    void inspectorCliListsCallsAndReadsInBothEras() {
        assertPasses("inspector-cli.mjs");
    }

    @Test
    void conformanceSuitesPassEveryApplicableCheck() {
        assertPasses("conformance.mjs");
    }

    private static void assertPasses(String script) {
        assertThat(Files.isRegularFile(project.resolve(script))).as(script).isTrue();
        NodeTooling.Result result = NodeTooling.runScript(project, script,
                Map.of("INSPECTOR_HOME", home.toString(), "NO_COLOR", "1"), 5, stack.mcpUrl());
        assertThat(result.exitCode()).as(script + " output:\n" + result.output()).isZero();
        assertThat(result.output()).contains(" 0 failed");
    }
}
