package dev.lightdevops.api.mcp;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * How a 2025-11-25 client's elicitation capability outlives its {@code initialize} on a server that keeps no state:
 * when (and only when) the client declares form elicitation, the {@code InitializeResult} carries an
 * {@code Mcp-Session-Id} that says so, and the client sends it on every later request. Nothing is stored: any api
 * instance reads the capability off the header. The id is not a credential (a client that forged it would only be
 * asked to confirm); clients that declare no elicitation get no session id, as before.
 */
final class ElicitationSessions {

    static final String HEADER = "Mcp-Session-Id";
    private static final String FORM = "elicit-form-";

    private ElicitationSessions() {
    }

    /** Whether capabilities declare form elicitation: {@code elicitation: {}} (form, as before modes) or with form. */
    static boolean declaresForm(JsonNode capabilities) {
        JsonNode elicitation = capabilities == null ? null : capabilities.get("elicitation");
        if (elicitation == null || !elicitation.isObject()) {
            return false;
        }
        return elicitation.isEmpty() || elicitation.has("form");
    }

    /** The session id to answer an initialize with, or null when the client declared no form elicitation. */
    static String mintFor(JsonNode initializeParams) {
        return declaresForm(initializeParams.get("capabilities")) ? FORM + UUID.randomUUID() : null;
    }

    static boolean formElicitation(HttpServletRequest http) {
        String session = http.getHeader(HEADER);
        return session != null && session.startsWith(FORM);
    }
}
