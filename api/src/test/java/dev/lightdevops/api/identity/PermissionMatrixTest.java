package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.testing.TopicProbe;
import dev.lightdevops.common.tool.Environment;
import dev.lightdevops.common.tool.ToolCatalogue;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every registered tool, for every role and environment, over real HTTP with real tokens: allowed or denied exactly
 * as the default role table says. Tools that land later are covered because the matrix iterates over what
 * the api lists, and a catalogue tool missing from the expectations or from the permission table fails the test.
 */
class PermissionMatrixTest {

    /** The defaults, written out independently of the api's configuration. */
    private static final Set<String> OBSERVER = Set.of("read_logs", "read_metrics", "read_deployments",
            "read_operations");
    private static final Set<String> DEVELOPER = union(OBSERVER, Set.of("deploy_development", "deploy_staging",
            "rollback_development", "rollback_staging", "cancel_own"));
    private static final Set<String> PROD = union(DEVELOPER, Set.of("deploy_production", "rollback_production",
            "cancel_any"));
    private static final Set<String> RELEASE_MANAGER = union(OBSERVER, Set.of("approve_development",
            "approve_staging", "approve_production"));
    private static final Map<String, Set<String>> ROLES = Map.of("Observer", OBSERVER, "Developer", DEVELOPER,
            "Developer_prod_access", PROD, "Release_manager", RELEASE_MANAGER);
    private static final Set<String> ANY_APPROVAL = Set.of("approve_development", "approve_staging",
            "approve_production");

    /** What a refusal would look like if an edge hid a tool instead of refusing it through the one gate. */
    private static final String NOT_OFFERED = "not_offered";

    /** What each tool needs (any one of), given the environment. */
    private static final Map<String, Function<String, Set<String>>> NEEDS = Map.ofEntries(
            Map.entry("approve_operation", env -> ANY_APPROVAL),
            Map.entry("reject_operation", env -> ANY_APPROVAL),
            Map.entry("deploy_service", env -> Set.of("deploy_" + env)),
            Map.entry("rollback_deployment", env -> Set.of("rollback_" + env)),
            Map.entry("get_logs", env -> Set.of("read_logs")),
            Map.entry("get_metrics", env -> Set.of("read_metrics")),
            Map.entry("get_operation", env -> Set.of("read_operations")),
            Map.entry("list_operations", env -> Set.of("read_operations")),
            Map.entry("cancel_operation", env -> Set.of("cancel_own", "cancel_any")),
            Map.entry("list_deployments", env -> Set.of("read_deployments")),
            Map.entry("list_changes", env -> Set.of("read_operations")),
            Map.entry("authenticate_user", env -> Set.of()));

    @Test
    void everyCatalogueToolHasAnExpectationAndAPermissionMapping() {
        for (ToolDefinition tool : ToolCatalogue.tools()) {
            assertThat(NEEDS).as("expectation for " + tool.name()).containsKey(tool.name());
            assertThat(ToolPermissions.covers(tool.name())).as("permission mapping for " + tool.name()).isTrue();
        }
        for (String name : List.of("deploy_service", "rollback_deployment", "get_logs", "get_metrics",
                "get_operation", "list_operations", "cancel_operation", "list_deployments", "list_changes",
                "authenticate_user", "approve_operation", "reject_operation")) {
            assertThat(ToolPermissions.covers(name)).as(name).isTrue();
        }
    }

    @Test
    void everyRegisteredToolIsAllowedOrDeniedExactlyAsConfiguredForEveryRoleAndEnvironment() {
        List<String> registered = registeredTools();
        assertThat(registered).contains("deploy_service", "authenticate_user");
        SoftAssertions softly = new SoftAssertions();
        for (String tool : registered) {
            softly.assertThat(NEEDS).as("expectation for registered tool " + tool).containsKey(tool);
            if (!NEEDS.containsKey(tool)) {
                continue;
            }
            for (Map.Entry<String, Set<String>> role : ROLES.entrySet()) {
                for (Environment environment : Environment.values()) {
                    String env = environment.wireName();
                    Set<String> needs = NEEDS.get(tool).apply(env);
                    boolean allowed = needs.isEmpty() || needs.stream().anyMatch(role.getValue()::contains);
                    String token = SecuredApi.issuer().token("matrix-" + role.getKey() + "-" + env, role.getKey(),
                            "matrix");
                    long before = TopicProbe.endOffsetSum(Topics.COMMANDS);

                    JsonNode response = SecuredApi.client().call(token, tool, Map.of("environment", env,
                            "service", "matrix", "version", "1.0.0", "id", "no-such-operation", "reason", "matrix"));

                    String what = role.getKey() + " " + tool + " " + env;
                    if (allowed) {
                        softly.assertThat(MatrixCall.code(response)).as(what)
                                .isNotIn("permission_denied", NOT_OFFERED);
                    } else {
                        softly.assertThat(MatrixCall.code(response)).as(what).isEqualTo("permission_denied");
                        softly.assertThat(TopicProbe.endOffsetSum(Topics.COMMANDS)).as(what + " published")
                                .isEqualTo(before);
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void unknownEnvironmentIsRejectedForEveryRole() {
        for (String role : ROLES.keySet()) {
            String token = SecuredApi.issuer().token("matrix-unknown-" + role, role, "matrix");
            JsonNode response = SecuredApi.client().call(token, "deploy_service",
                    Map.of("environment", "qa-7", "service", "matrix", "version", "1.0.0"));
            assertThat(MatrixCall.code(response)).as(role).isEqualTo("invalid_argument");
        }
    }

    @Test
    void roleNamesMatchCaseInsensitively() {
        String token = SecuredApi.issuer().token("shouty", "DEVELOPER_PROD_ACCESS", "matrix");

        JsonNode response = SecuredApi.client().call(token, "deploy_service",
                Map.of("environment", "production", "service", "shouty", "version", "1.0.0"));

        assertThat(MatrixCall.code(response)).isNull();
    }

    @Test
    void permissionsInTheTokenAreAddedToTheRoleDerivedOnes() {
        TestIssuer issuer = SecuredApi.issuer();
        Map<String, Object> claims = new java.util.LinkedHashMap<>(issuer.claims("observer-plus", "Observer", "matrix"));
        claims.put("permissions", List.of("deploy_staging"));
        String token = issuer.sign(claims);

        JsonNode staging = SecuredApi.client().call(token, "deploy_service",
                Map.of("environment", "staging", "service", "plus", "version", "1.0.0"));
        JsonNode development = SecuredApi.client().call(token, "deploy_service",
                Map.of("environment", "development", "service", "plus", "version", "1.0.0"));

        assertThat(MatrixCall.code(staging)).isNull();
        assertThat(MatrixCall.code(development)).isEqualTo("permission_denied");
    }

    private static List<String> registeredTools() {
        TestIssuer issuer = SecuredApi.issuer();
        Map<String, Object> claims = new java.util.LinkedHashMap<>(issuer.claims("lister", "Developer_prod_access",
                "matrix"));
        claims.put("permissions", List.copyOf(ANY_APPROVAL));
        String token = issuer.sign(claims);
        JsonNode listed = dev.lightdevops.common.json.ContractJson.mapper().readTree(SecuredApi.client()
                .post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").body());
        List<String> names = new ArrayList<>();
        listed.get("result").get("tools").forEach(tool -> names.add(tool.get("name").asString()));
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Reads the outcome of a call: a tool error code, a JSON-RPC error, or null for success. */
    private static final class MatrixCall {
        static String code(JsonNode response) {
            if (response.has("error")) {
                JsonNode error = response.get("error");
                return error.get("code").asInt() == -32602 && error.get("message").asString().startsWith("Unknown tool")
                        ? NOT_OFFERED : "jsonrpc:" + error.get("code").asInt();
            }
            return McpClient.errorCode(response);
        }
    }
}
