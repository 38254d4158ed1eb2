package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.common.tool.ToolCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The question a production deploy or rollback puts to the client's user (an MCP form elicitation: service,
 * version, environment, reason, filled in from the call), and how an answer is read. The user may write the reason;
 * the other fields must come back as asked, since what is confirmed must be what runs: a changed field is not a
 * confirmation of this call.
 */
record ConfirmationForm(String tool, Map<String, Object> arguments) {

    /** How a user's answer to the form reads. */
    sealed interface Answer {
        /** Confirmed; the call proceeds with these arguments (the user's reason, when given). */
        record Accepted(Map<String, Object> arguments) implements Answer {
        }

        /** Not confirmed (declined, cancelled, changed, unanswered, or the client failed): nothing is published. */
        record Refused(String code, String reason, String nextAction) implements Answer {
        }
    }

    private boolean rollback() {
        return ToolCatalogue.ROLLBACK_DEPLOYMENT.equals(tool);
    }

    private String versionField() {
        return rollback() ? "target_version" : "version";
    }

    /** The {@code elicitation/create} params (form mode). */
    Map<String, Object> question(Caller caller) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("service", field("Service", text("service"), "the service to " + verb()));
        properties.put(versionField(), field(rollback() ? "Target version" : "Version",
                text(versionField()) == null ? "previous live version" : text(versionField()),
                rollback() ? "the version to return to" : "the version to deploy"));
        Map<String, Object> environment = field("Environment", text("environment"), "where");
        environment.put("enum", List.of(text("environment")));
        properties.put("environment", environment);
        Map<String, Object> reason = field("Reason", text("reason") == null ? "" : text("reason"),
                "why, for the audit trail and the approvers (you may write your own)");
        reason.put("maxLength", 500);
        properties.put("reason", reason);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", text("service") == null ? List.of("environment") : List.of("service", "environment"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", "form");
        params.put("message", "Confirm: " + verb() + " " + describe() + " in " + text("environment")
                + ", asked by " + caller.principal() + " through an AI agent. Accept only if you want this to happen;"
                + " it may still need another person's approval before it runs.");
        params.put("requestedSchema", schema);
        return params;
    }

    /** Reads the client's answer: an {@code ElicitResult} ({@code action}, {@code content}) or a JSON-RPC error. */
    Answer read(Map<String, Object> response) {
        if (Boolean.TRUE.equals(response.get("timed_out"))) {
            return new Answer.Refused("confirmation_timed_out", "the user did not answer the confirmation in time, so "
                    + "nothing was " + done(), "Call " + tool + " again when the user is there to confirm.");
        }
        if (response.get("error") instanceof Map<?, ?> error) {
            return new Answer.Refused("confirmation_failed", "the client could not ask its user to confirm ("
                    + error.get("message") + "), so nothing was " + done(),
                    "Call " + tool + " again once the user can answer.");
        }
        Object action = response.get("action");
        if ("decline".equals(action) || "cancel".equals(action)) {
            return new Answer.Refused("confirmation_" + action + "d", "the user " + action + "d the confirmation, so "
                    + "nothing was " + done(), "Ask the user what they want before calling " + tool + " again.");
        }
        if (!"accept".equals(action)) {
            return new Answer.Refused("confirmation_failed", "the confirmation answer had no known action (" + action
                    + "), so nothing was " + done(), "Call " + tool + " again.");
        }
        Map<?, ?> content = response.get("content") instanceof Map<?, ?> map ? map : Map.of();
        for (String field : List.of("service", versionField(), "environment")) {
            Object given = content.get(field);
            Object asked = text(field) == null && field.equals(versionField()) ? "previous live version" : text(field);
            if (asked != null && given != null && !Objects.equals(String.valueOf(given).trim(), asked)) {
                return new Answer.Refused("confirmation_changed", "the user changed " + field + " to '" + given
                        + "' instead of confirming '" + asked + "', so nothing was " + done(),
                        "Call " + tool + " again with the values the user wants.");
            }
        }
        Map<String, Object> confirmed = new LinkedHashMap<>(arguments);
        if (content.get("reason") instanceof String reason && !reason.isBlank()) {
            confirmed.put("reason", reason.strip());
        }
        return new Answer.Accepted(confirmed);
    }

    private String verb() {
        return rollback() ? "roll back" : "deploy";
    }

    private String done() {
        return rollback() ? "rolled back" : "deployed";
    }

    private String describe() {
        String service = text("service") == null ? "the deployment of operation " + text("operation_id")
                : text("service");
        if (rollback()) {
            return service + (text("target_version") == null ? " to its previous live version"
                    : " to " + text("target_version"));
        }
        return service + " " + text("version");
    }

    private String text(String name) {
        Object value = arguments.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, Object> field(String title, String value, String description) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("type", "string");
        field.put("title", title);
        field.put("description", description);
        if (value != null) {
            field.put("default", value);
        }
        return field;
    }
}
