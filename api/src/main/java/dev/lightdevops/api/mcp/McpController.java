package dev.lightdevops.api.mcp;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.tools.ToolResult;
import dev.lightdevops.common.tool.ToolDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
            return status(HttpStatus.NOT_ACCEPTABLE, JsonRpcMessage.error(null, JsonRpc.INVALID_REQUEST,
                    "Not acceptable: MCP answers application/json or text/event-stream; send "
                            + "Accept: application/json, text/event-stream"));
        }
        JsonNode message;
        try {
            message = json.readTree(body == null ? "" : body);
        } catch (JacksonException malformed) {
            return status(HttpStatus.BAD_REQUEST,
                    JsonRpcMessage.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON"));
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
            return status(HttpStatus.BAD_REQUEST, JsonRpcMessage.error(null, JsonRpc.INVALID_REQUEST,
                    "Invalid request: " + (messages.isEmpty() ? "an empty batch" : "JSON-RPC batches are not "
                            + "allowed in MCP " + version + " (only 2025-03-26 had them); send one message per POST")));
        }
        List<Object> bodies = new ArrayList<>();
        messages.forEach(message -> bodies.add(((ResponseEntity<?>) single(message, http, response, false)).getBody()));
        List<Object> answered = bodies.stream().filter(Objects::nonNull).toList();
        return answered.isEmpty() ? ResponseEntity.accepted().build() : ok(answered);
    }

    /** One message: a ResponseEntity, or an SseEmitter when the answer streams. */
    private Object single(JsonNode message, HttpServletRequest http, HttpServletResponse response,
            boolean mayStream) {
        return switch (IncomingMessage.of(message, json)) {
            case IncomingMessage.Invalid invalid -> status(HttpStatus.BAD_REQUEST,
                    JsonRpcMessage.error(invalid.id(), JsonRpc.INVALID_REQUEST, invalid.reason()));
            case IncomingMessage.Notification notification -> ResponseEntity.accepted().build();
            case IncomingMessage.ClientResponse answer -> {
                confirmations.answered(answer.message(), callers.resolve(http));
                yield ResponseEntity.accepted().build();
            }
            case IncomingMessage.Request request -> request(request.id(), request.message(), http, response,
                    mayStream);
        };
    }

    private Object request(Object requestId, JsonNode message, HttpServletRequest http, HttpServletResponse response,
            boolean mayStream) {
        Caller caller = callers.resolve(http);
        try {
            McpRequest request;
            switch (confirmations.intercept(reader.read(message, http, caller), mayStream)) {
                case ConfirmationRounds.Step.Answer asked -> {
                    response.setHeader("X-Accel-Buffering", "no");
                    return asked.body();
                }
                case ConfirmationRounds.Step.Proceed proceed -> request = proceed.request();
            }
            if (mayStream && "subscriptions/listen".equals(request.method()) && request.modern()) {
                List<String> uris = listens.subscribedOperations(request);
                response.setHeader("X-Accel-Buffering", "no");
                return listens.open(request, uris);
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
            JsonRpcMessage.ResultResponse result = JsonRpcMessage.result(requestId, methods.dispatch(request));
            return session == null ? ok(result) : ResponseEntity.ok().header(ElicitationSessions.HEADER, session)
                    .contentType(MediaType.APPLICATION_JSON).body(result);
        } catch (RuntimeException failure) {
            return rpcError(requestId, failure);
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
        Throwable cause = JsonRpcErrors.causeOf(failure);
        Optional<JsonRpcMessage.ErrorResponse> known = JsonRpcErrors.known(id, cause);
        if (known.isPresent()) {
            return status(cause instanceof JsonRpcException rpc ? rpc.status() : HttpStatus.OK, known.get());
        }
        log.error("an MCP request failed unexpectedly", cause);
        return ok(JsonRpcMessage.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: the server failed to answer; "
                + "the failure is logged. Retry, and report it if it persists"));
    }

    private static ResponseEntity<Object> notAllowed(String method) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                .contentType(MediaType.APPLICATION_JSON).body(JsonRpcMessage.error(null, JsonRpc.INVALID_REQUEST,
                        method + " /mcp is not supported: this server keeps no sessions and opens no standalone "
                                + "stream; send every JSON-RPC message as a POST"));
    }

    private static ResponseEntity<Object> ok(Object body) {
        return status(HttpStatus.OK, body);
    }

    private static ResponseEntity<Object> status(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
