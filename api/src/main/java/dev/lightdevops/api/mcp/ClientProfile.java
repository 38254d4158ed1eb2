package dev.lightdevops.api.mcp;

import tools.jackson.databind.JsonNode;

/**
 * What the client of one request speaks and can take, as settled from that request alone (nothing is remembered
 * between requests).
 *
 * @param era the protocol era the request is served in
 * @param protocolVersion the revision the client speaks
 * @param capabilities what the client declared (2026-07-28: in {@code _meta} of this very request; 2025-11-25:
 *     nothing is known, as there is no session)
 * @param acceptsEventStream whether the client's {@code Accept} allows an SSE response
 * @param formElicitation whether the client can ask its user through a form elicitation (2026-07-28: declared in
 *     this request's capabilities; 2025-11-25: declared at initialize, which this server carries in the session id it
 *     minted then, see {@link ElicitationSessions})
 */
record ClientProfile(ProtocolEra era, String protocolVersion, JsonNode capabilities, boolean acceptsEventStream,
        boolean formElicitation) {

    static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

    /** Whether this request declared the tasks extension (2026-07-28) in its client capabilities. */
    boolean declaresTasksExtension() {
        JsonNode extensions = capabilities == null ? null : capabilities.get("extensions");
        return extensions != null && extensions.has(TASKS_EXTENSION);
    }
}
