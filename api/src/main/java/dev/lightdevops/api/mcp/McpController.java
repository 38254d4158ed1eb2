package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.identity.LimitExceededException;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.ToolDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP endpoint: one stateless {@code POST /mcp} serving MCP 2026-07-28 and 2025-11-25 (and earlier), the era
 * chosen per request. Answers are JSON, except a tools/call with a progress token that accepts SSE and a
 * subscriptions/listen, which stream, and a call its user must confirm first (ConfirmationRounds). No session state
 * is kept (the only session id ever minted carries a client's elicitation capability, see ElicitationSessions), so
 * GET and DELETE answer 405 and any api instance serves any request. Foreign browser origins never get here
 * (security's BrowserRequestGuard). Malformed input gets a JSON-RPC error with a message a person can act on, never
 * an HTTP 500.
 */
@RestController
class McpController {

    private static final Logger log = LoggerFactory.getLogger(McpController.class);

    private final JsonMapper json;
    private final CallerResolver callers;
    private final RequestReader reader;
    private final McpMethods methods;
    private final ToolCalls tools;
    private final ProgressStreams progress;
    private final ListenStreams listens;
    private final ConfirmationRounds confirmations;

    McpController(JsonMapper json, CallerResolver callers, RequestReader reader, McpMethods methods, ToolCalls tools,
            ProgressStreams progress, ListenStreams listens, ConfirmationRounds confirmations) {
        this.confirmations = confirmations;
        this.json = json;
        this.callers = callers;
        this.reader = reader;
        this.methods = methods;
        this.tools = tools;
        this.progress = progress;
        this.listens = listens;
    }

    @GetMapping("/mcp")
    ResponseEntity<Object> get() {
        return notAllowed("GET");
    }

    @DeleteMapping("/mcp")
    ResponseEntity<Object> delete() {
        return notAllowed("DELETE");
    }

    /**
     * Answered on the request's (virtual) thread: a JSON answer is written as soon as it is ready, with no second
     * dispatch; only a genuine stream (progress, subscriptions/listen) completes asynchronously (Spring MVC writes a
     * {@code ResponseEntity} whose body is an {@code SseEmitter} as a stream).
     */
    @PostMapping("/mcp")
    ResponseEntity<?> post(@RequestBody(required = false) String body, HttpServletRequest http,
            HttpServletResponse response) {
        Object answer = answer(body, http, response);
        return answer instanceof SseEmitter stream ? ResponseEntity.ok().body(stream) : (ResponseEntity<?>) answer;
    }

    private Object answer(String body, HttpServletRequest http, HttpServletResponse response) {
        if (!acceptable(http.getHeader(HttpHeaders.ACCEPT))) {
            return done(status(HttpStatus.NOT_ACCEPTABLE, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Not acceptable: MCP answers application/json or text/event-stream; send "
                            + "Accept: application/json, text/event-stream")));
        }
        JsonNode message;
        try {
            message = json.readTree(body == null ? "" : body);
        } catch (JacksonException malformed) {
            return done(status(HttpStatus.BAD_REQUEST,
                    JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON")));
        }
        if (message != null && message.isArray()) {
            return batch(message, http, response);
        }
        return single(message, http, response, true);
    }

    /**
     * JSON-RPC batches exist only in 2025-03-26 (2025-06-18 removed them): served when the client says it speaks
     * that version (or says no version, which that revision allows), refused otherwise.
     */
    private Object batch(JsonNode messages, HttpServletRequest http,
            HttpServletResponse response) {
        String version = http.getHeader("MCP-Protocol-Version");
        if (version != null && !"2025-03-26".equals(version) || messages.isEmpty()) {
            return done(status(HttpStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Invalid request: " + (messages.isEmpty() ? "an empty batch" : "JSON-RPC batches are not "
                            + "allowed in MCP " + version + " (only 2025-03-26 had them); send one message per POST"))));
        }
        List<Object> bodies = new ArrayList<>();
        messages.forEach(message -> bodies.add(((ResponseEntity<?>) single(message, http, response, false)).getBody()));
        List<Object> answered = bodies.stream().filter(Objects::nonNull).toList();
        return answered.isEmpty() ? ResponseEntity.accepted().build() : ok(answered);
    }

    /** One message: a ResponseEntity, or an SseEmitter when the answer streams. */
    private Object single(JsonNode message, HttpServletRequest http, HttpServletResponse response,
            boolean mayStream) {
        if (message == null || !message.isObject() || !"2.0".equals(text(message, "jsonrpc"))) {
            return done(status(HttpStatus.BAD_REQUEST, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: expected a JSON-RPC 2.0 object with \"jsonrpc\": \"2.0\"")));
        }
        if (!message.has("id")) {
            if (text(message, "method") != null) {
                return done(ResponseEntity.accepted().build());
            }
            return done(status(HttpStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Invalid request: a message needs a string \"method\"")));
        }
        if (!message.has("method") && (message.has("result") || message.has("error"))) {
            confirmations.answered(message, callers.resolve(http));
            return done(ResponseEntity.accepted().build());
        }
        JsonNode id = message.get("id");
        if (text(message, "method") == null || !(id.isString() || id.isIntegralNumber())) {
            return done(status(HttpStatus.BAD_REQUEST, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: \"method\" must be a string and \"id\" a string or an integer (not null)")));
        }
        Object requestId = json.treeToValue(id, Object.class);
        Caller caller = callers.resolve(http);
        try {
            McpRequest request;
            switch (confirmations.intercept(reader.read(message, http, caller), mayStream)) {
                case ConfirmationRounds.Step.Answer asked -> {
                    response.setHeader("X-Accel-Buffering", "no");
                    return done(asked.body());
                }
                case ConfirmationRounds.Step.Proceed proceed -> request = proceed.request();
            }
            if (mayStream && "subscriptions/listen".equals(request.method()) && request.modern()) {
                List<String> uris = listens.subscribedOperations(request);
                response.setHeader("X-Accel-Buffering", "no");
                return done(listens.open(request, uris));
            }
            if (mayStream && streamsProgress(request)) {
                ToolDefinition tool = tools.resolve(request);
                if (!tools.wantsTask(request, tool)) {
                    ToolResult result = tools.invoke(request, tool);
                    response.setHeader("X-Accel-Buffering", "no");
                    return progress.open(request, CompletableFuture.completedFuture(result));
                }
            }
            String session = "initialize".equals(request.method()) && !request.modern()
                    ? ElicitationSessions.mintFor(request.params()) : null;
            Object result = JsonRpc.result(requestId, methods.dispatch(request));
            return session == null ? ok(result) : ResponseEntity.ok().header(ElicitationSessions.HEADER, session)
                    .contentType(MediaType.APPLICATION_JSON).body(result);
        } catch (RuntimeException failure) {
            return done(rpcError(requestId, failure));
        }
    }

    /** Both eras ask clients to accept JSON and SSE; a client that accepts neither cannot read any answer. */
    private static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String types = accept.toLowerCase(java.util.Locale.ROOT);
        return types.contains("application/json") || types.contains("text/event-stream") || types.contains("*/*")
                || types.contains("application/*") || types.contains("text/*");
    }

    private static boolean streamsProgress(McpRequest request) {
        return "tools/call".equals(request.method()) && request.progressToken() != null
                && request.acceptsEventStream();
    }

    private ResponseEntity<Object> rpcError(Object id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JsonRpcException rpc) {
            return status(rpc.status(), JsonRpc.error(id, rpc.code(), rpc.getMessage(), rpc.data()));
        }
        if (cause instanceof LimitExceededException limited) {
            return ok(JsonRpc.error(id, JsonRpc.LIMIT_EXCEEDED, limited.getMessage(), java.util.Map.of("reason",
                    limited.code(), "retry_after_seconds", limited.retryAfterSeconds())));
        }
        log.error("an MCP request failed unexpectedly", cause);
        return ok(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: the server failed to answer; "
                + "the failure is logged. Retry, and report it if it persists"));
    }

    private static ResponseEntity<Object> notAllowed(String method) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                .contentType(MediaType.APPLICATION_JSON).body(JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                        method + " /mcp is not supported: this server keeps no sessions and opens no standalone "
                                + "stream; send every JSON-RPC message as a POST"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private Object idOf(JsonNode message) {
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        return id == null || !(id.isString() || id.isIntegralNumber()) ? null : json.treeToValue(id, Object.class);
    }

    private static ResponseEntity<Object> ok(Object body) {
        return status(HttpStatus.OK, body);
    }

    private static ResponseEntity<Object> status(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static Object done(Object answer) {
        return answer;
    }
}
