package dev.lightdevops.api.mcp;

import dev.lightdevops.api.approvals.ApprovalPolicy;
import dev.lightdevops.api.identity.AuditTrail;
import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.ToolPermissions;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.observability.Redaction;
import dev.lightdevops.common.tool.DeployArguments;
import dev.lightdevops.common.tool.RollbackArguments;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a tool call is first confirmed by the client's user, and how each era's answer is read. A deploy or rollback
 * to an environment whose policy says {@code confirm} is asked about when the client declared form elicitation and
 * the call would otherwise go through (valid arguments, permission held: nobody is asked to confirm what is refused
 * anyway); everything else is unaffected. Confirmation is the client's user agreeing to what the agent asked, not an
 * authorization: a client could answer for its user, so approval stays the control. Declined, cancelled, changed or
 * unanswered, the call ends with a tool error and nothing is published; each such end is audited.
 */
@Component
class Confirmations {

    static final String INPUT_KEY = "confirm";
    private static final String STATE_PREFIX = "confirm.v1.";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ApprovalPolicy policy;
    private final ToolPermissions permissions;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    Confirmations(ApprovalPolicy policy, ToolPermissions permissions, AuditTrail audit, JsonMapper json, Clock clock) {
        this.policy = policy;
        this.permissions = permissions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The form to ask, when this call must be confirmed first; null when it goes ahead as it is. */
    ConfirmationForm formFor(McpRequest request) {
        if (!"tools/call".equals(request.method()) || !request.formElicitation()) {
            return null;
        }
        String tool = request.text("name");
        if (!ToolCatalogue.DEPLOY_SERVICE.equals(tool) && !ToolCatalogue.ROLLBACK_DEPLOYMENT.equals(tool)) {
            return null;
        }
        Map<String, Object> arguments = arguments(request);
        if (!(arguments.get("environment") instanceof String environment) || !policy.wantsConfirmation(environment)) {
            return null;
        }
        try {
            if (ToolCatalogue.DEPLOY_SERVICE.equals(tool)) {
                DeployArguments.from(arguments);
            } else {
                RollbackArguments.from(arguments);
            }
            permissions.authorize(tool, arguments, request.caller());
        } catch (RuntimeException wouldBeRefused) {
            return null;
        }
        return new ConfirmationForm(tool, arguments);
    }

    /** The call's arguments as given (an empty map when there are none). */
    Map<String, Object> arguments(McpRequest request) {
        JsonNode arguments = request.params().get("arguments");
        return arguments == null || !arguments.isObject() ? Map.of() : json.convertValue(arguments, OBJECT);
    }

    /** The same request with the confirmed arguments (the user's reason) in place of the original ones. */
    McpRequest withArguments(McpRequest request, Map<String, Object> arguments) {
        tools.jackson.databind.node.ObjectNode params = (tools.jackson.databind.node.ObjectNode) request.params()
                .deepCopy();
        params.set("arguments", json.valueToTree(arguments));
        params.remove("inputResponses");
        params.remove("requestState");
        return request.withParams(params);
    }

    /**
     * 2026-07-28's stateless round trip: the {@code requestState} that binds an answer to this very call (tool,
     * arguments, principal); not a secret, since a confirmation is not an authorization.
     */
    String requestState(ConfirmationForm form, Caller caller) {
        String canonical = form.tool() + "\n" + caller.tenant() + "\n" + caller.principal() + "\n"
                + json.writeValueAsString(new TreeMap<>(form.arguments()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return STATE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The error result of an unconfirmed call, audited. */
    ToolResult refused(ConfirmationForm form, ConfirmationForm.Answer.Refused refusal, Caller caller) {
        audit.record(new AuditEvent(clock.instant(), "confirmation_declined", caller.principal(), caller.tenant(),
                AuditTrail.currentClientAddress(), form.tool(), null, null, null,
                Redaction.arguments(form.arguments()), refusal.code(), refusal.reason()));
        return ToolResult.failed(refusal.code(), refusal.reason(), false, refusal.nextAction());
    }
}
