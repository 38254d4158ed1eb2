package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.testing.Http;
import dev.lightdevops.common.testing.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's history view in a real browser (headless Debian chromium) against the local stack and its embedded
 * PostgreSQL: a deploy the test makes shows up with its version and reason, and the service filter narrows the table.
 * Runs in every build, as DashboardBrowserTest does (no chromium: it fails, saying why). With
 * {@code dashboard.history.screenshot} set, a screenshot goes there.
 */
class HistoryViewBrowserTest {

    @Test
    void aChangeMadeByTheTestIsListedAndTheFilterNarrowsTheTable() throws Exception {
        Path chromium = Chromium.required();
        String service = "basket-" + Long.toString(System.nanoTime(), 36);
        try (StandaloneApplication stack = StandaloneApplication.start("--server.port=0",
                "--devops.standalone.kafka-bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.simulated-stage-duration=20ms");
                Chromium browser = Chromium.launch(chromium, 1400, 700)) {
            for (String name : new String[] {service, service + "-other"}) {
                Http.postJson(stack.mcpUrl(), ContractJson.mapper().writeValueAsString(java.util.Map.of(
                        "jsonrpc", "2.0", "id", 1, "method", "tools/call", "params", java.util.Map.of(
                                "name", "deploy_service", "arguments", java.util.Map.of("service", name,
                                        "version", "4.2.0", "environment", "staging",
                                        "reason", "browser check")))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ContractJson.mapper().readTree(Http.get(
                    stack.baseUrl() + "/api/v1/history?service=" + service + "&status=succeeded").body())
                    .get("changes").size() == 1);

            browser.navigate(stack.baseUrl() + "/dashboard/history.html");
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate(
                    "document.readyState === 'complete' && !!document.getElementById('history-service')")
                    .asBoolean(false));
            browser.evaluate("document.getElementById('history-service').value = '" + service + "';"
                    + "document.getElementById('history-service').dispatchEvent(new Event('input'))");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String rows = browser.evaluate("[...document.querySelectorAll('#history tbody tr')]"
                        + ".map(r => r.innerText).join('\\n')").asString("");
                assertThat(rows).contains(service + "@staging").contains("4.2.0").contains("browser check")
                        .contains("succeeded").doesNotContain(service + "-other");
            });
            String screenshot = System.getProperty("dashboard.history.screenshot");
            if (screenshot != null) {
                browser.screenshot(Path.of(screenshot));
            }
        }
    }
}
