package dev.lightdevops.api.deployments;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.identity.Permissions;
import dev.lightdevops.api.tools.ToolHandler;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.tool.Arguments;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.Environment;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * {@code list_deployments}: what is live per {@code service@environment} and its recent history, from this
 * instance's view of {@code ops.deployments} after it caught up with the topic (so a deploy that just ended shows),
 * and beside it, where a worker observed it, what the deploy target itself says is live ({@code cluster}: image,
 * replicas, rollout state, from {@code ops.deployments.observed}) with {@code in_sync} telling whether the two agree.
 * A target only observed (never deployed through this project) is listed too, with no ledger fields.
 */
@Component
class ListDeploymentsTool implements ToolHandler {

    static final int HISTORY_SHOWN = 10;
    private static final Duration CATCH_UP = Duration.ofSeconds(3);

    private final DeploymentLedger ledger;

    ListDeploymentsTool(DeploymentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public ToolDefinition definition() {
        return ToolCatalogue.find(ToolCatalogue.LIST_DEPLOYMENTS).orElseThrow();
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, Caller caller) {
        if (!caller.may(Permissions.READ_DEPLOYMENTS)) {
            throw new PermissionDeniedException(Permissions.READ_DEPLOYMENTS, "list deployments");
        }
        Arguments args = Arguments.of(arguments, Set.of("service", "environment"));
        String service = args.optionalString("service", DeployArguments.SERVICE, "a service name");
        Environment environment = arguments != null && arguments.get("environment") != null
                ? args.environment("environment") : null;
        return list(service, environment);
    }

    private ToolResult list(String service, Environment environment) {
        boolean current = true;
        try {
            ledger.awaitCaughtUp(CATCH_UP);
        } catch (TimeoutException slow) {
            current = false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            current = false;
        }
        Map<String, Deployment> targets = new TreeMap<>();
        ledger.all().forEach(deployment -> targets.put(deployment.key(), deployment));
        Map<String, ObservedDeployment> observed = new TreeMap<>();
        ledger.allObserved().forEach(observation -> observed.put(observation.key(), observation));
        observed.values().forEach(observation -> targets.putIfAbsent(observation.key(),
                Deployment.none(observation.service(), observation.environment())));
        List<Map<String, Object>> deployments = targets.values().stream()
                .filter(d -> service == null || service.equals(d.service()))
                .filter(d -> environment == null || environment.wireName().equals(d.environment()))
                .map(d -> describe(d, observed.get(d.key())))
                .toList();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("deployments", deployments);
        structured.put("up_to_date", current);
        String text = deployments.isEmpty() ? "No deployments recorded" + (service == null ? "" : " for " + service)
                + "." : deployments.size() + " deployment target(s): " + String.join(", ", deployments.stream()
                .map(ListDeploymentsTool::line).toList());
        return new ToolResult(text, structured, false);
    }

    private static String line(Map<String, Object> described) {
        String line = described.get("service") + "@" + described.get("environment") + "="
                + described.get("live_version");
        if (described.get("cluster") instanceof ObservedDeployment cluster) {
            line += " (cluster: " + (cluster.version() == null ? cluster.state() : cluster.version() + ", "
                    + (cluster.replicas() == null ? "" : cluster.replicas().available() + "/"
                    + cluster.replicas().desired() + " available, ") + cluster.state()) + ")";
        }
        return line;
    }

    private static Map<String, Object> describe(Deployment deployment, ObservedDeployment cluster) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("service", deployment.service());
        described.put("environment", deployment.environment());
        described.put("live_version", deployment.liveVersion());
        described.put("previous_version", deployment.previousLiveVersion().orElse(null));
        described.put("last_operation_id", deployment.lastOperationId());
        described.put("updated_at", deployment.updatedAt() == null ? null : deployment.updatedAt().toString());
        described.put("history", deployment.history().stream().limit(HISTORY_SHOWN).toList());
        if (cluster != null) {
            described.put("cluster", cluster);
            described.put("in_sync", cluster.version() != null && cluster.version().equals(deployment.liveVersion()));
        }
        return described;
    }
}
