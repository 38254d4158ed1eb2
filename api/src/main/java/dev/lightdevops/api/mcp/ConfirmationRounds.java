package dev.lightdevops.api.mcp;

import dev.lightdevops.api.approvals.ApprovalProperties;
import dev.lightdevops.common.tool.ToolDefinition;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confirmation of a tool call by the client's user, the way each era defines it ({@link Confirmations} says which
 * calls). 2025-11-25: the call is answered with an SSE stream that first carries an {@code elicitation/create}
 * request; the client's answer is a separate POST that may reach any api instance ({@link ConfirmationAnswers}
 * brings it back here); on accept the call proceeds on the same stream (its progress, task or result), otherwise
 * the stream ends with a tool error. 2026-07-28: stateless; the call is answered {@code input_required} with the
 * elicitation in {@code inputRequests} and a {@code requestState}, and the client retries the call with
 * {@code inputResponses}: on accept it proceeds as any call, otherwise it ends with a tool error. Nothing is
 * published unless the user accepted.
 */
@Component
class ConfirmationRounds implements DisposableBean {

    /** What to do with a call: answer it now (a question, a refusal), or go on with it (confirmed or not needed). */
    sealed interface Step {
        record Answer(Object body) implements Step {
        }

        record Proceed(McpRequest request) implements Step {
        }
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    /** Ids of our elicitation requests; the client's JSON-RPC response carries the same id. */
    private static final String QUESTION_PREFIX = "confirm-";

    private final Confirmations confirmations;
    private final ConfirmationAnswers answers;
    private final ToolCalls tools;
    private final McpMethods methods;
    private final ProgressStreams progress;
    private final ApprovalProperties approvals;
    private final McpProperties settings;
    private final JsonMapper json;
    /**
     * Where a confirmed call continues, blocking as any call does: a virtual thread of its own, never the thread of
     * the Kafka listener that delivered the answer (the request's thread has returned the stream by then).
     */
    private final ExecutorService continuations = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("confirmed-call-", 0).factory());

    ConfirmationRounds(Confirmations confirmations, ConfirmationAnswers answers, ToolCalls tools, McpMethods methods,
            ProgressStreams progress, ApprovalProperties approvals, McpProperties settings, JsonMapper json) {
        this.confirmations = confirmations;
        this.answers = answers;
        this.tools = tools;
        this.methods = methods;
        this.progress = progress;
        this.approvals = approvals;
        this.settings = settings;
        this.json = json;
    }

    Step intercept(McpRequest request, boolean mayStream) {
        ConfirmationForm form = confirmations.formFor(request);
        if (form == null) {
            return new Step.Proceed(request);
        }
        if (request.modern()) {
            return modernRound(request, form);
        }
        if (mayStream && request.acceptsEventStream()) {
            return new Step.Answer(ask(request, form));
        }
        // A 2025-11-25 client that accepts no SSE cannot be asked on this call: it is served as any other.
        return new Step.Proceed(request);
    }

    /** A JSON-RPC response POSTed by a client: if it answers one of our questions, it goes to whoever asked. */
    void answered(JsonNode message, dev.lightdevops.api.identity.Caller caller) {
        JsonNode id = message.get("id");
        if (id == null || !id.isString() || !id.asString().startsWith(QUESTION_PREFIX)) {
            return;
        }
        Map<String, Object> response = message.has("result") && message.get("result").isObject()
                ? json.convertValue(message.get("result"), OBJECT)
                : Map.of("error", message.has("error") && message.get("error").isObject()
                        ? json.convertValue(message.get("error"), OBJECT) : Map.of("message", "no result"));
        answers.deliver(id.asString(), response, caller);
    }

    private Step modernRound(McpRequest request, ConfirmationForm form) {
        String state = confirmations.requestState(form, request.caller());
        JsonNode responses = request.params().get("inputResponses");
        JsonNode echoed = request.params().get("requestState");
        JsonNode answer = responses == null ? null : responses.get(Confirmations.INPUT_KEY);
        if (answer == null || !answer.isObject() || echoed == null || !state.equals(echoed.asString())) {
            McpResult inputRequired = new McpResult.InputRequiredResult(Map.of(Confirmations.INPUT_KEY,
                    Map.of("method", "elicitation/create", "params", form.question(request.caller()))), state);
            return new Step.Answer(ok(JsonRpcMessage.result(request.id(), inputRequired)));
        }
        return switch (form.read(json.convertValue(answer, OBJECT))) {
            case ConfirmationForm.Answer.Accepted accepted ->
                    new Step.Proceed(confirmations.withArguments(request, accepted.arguments()));
            case ConfirmationForm.Answer.Refused refused -> new Step.Answer(ok(ProgressStreams.response(request,
                    ToolCalls.callToolResult(confirmations.refused(form, refused, request.caller())))));
        };
    }

    private SseEmitter ask(McpRequest request, ConfirmationForm form) {
        SseEmitter emitter = new SseEmitter(approvals.confirmationWait().plus(settings.streamTimeout()).toMillis());
        EventStream stream = new EventStream(emitter, json);
        emitter.onCompletion(stream::markEnded);
        emitter.onError(failure -> stream.markEnded());
        emitter.onTimeout(stream::end);
        String questionId = QUESTION_PREFIX + UUID.randomUUID();
        CompletableFuture<Map<String, Object>> answer = answers.expect(questionId, request.caller(),
                approvals.confirmationWait());
        JsonRpcMessage.Request question = JsonRpcMessage.request(questionId, "elicitation/create",
                form.question(request.caller()));
        if (!stream.send(question)) {
            answer.cancel(false);
            return emitter;
        }
        answer.thenAcceptAsync(response -> {
            try {
                proceed(request, form, response, emitter, stream);
            } catch (RuntimeException failure) {
                stream.finish(ProgressStreams.errorResponse(request, failure));
            }
        }, continuations);
        return emitter;
    }

    private void proceed(McpRequest request, ConfirmationForm form, Map<String, Object> response, SseEmitter emitter,
            EventStream stream) {
        if (stream.ended()) {
            return; // the client went away: whatever it answered, nothing is published
        }
        switch (form.read(response)) {
            case ConfirmationForm.Answer.Refused refused -> stream.finish(ProgressStreams.response(request,
                    ToolCalls.callToolResult(confirmations.refused(form, refused, request.caller()))));
            case ConfirmationForm.Answer.Accepted accepted -> {
                McpRequest confirmed = confirmations.withArguments(request, accepted.arguments());
                ToolDefinition tool = tools.resolve(confirmed);
                if (confirmed.progressToken() != null && !tools.wantsTask(confirmed, tool)) {
                    progress.attach(emitter, stream, confirmed,
                            CompletableFuture.completedFuture(tools.invoke(confirmed, tool)));
                    return;
                }
                stream.finish(JsonRpcMessage.result(confirmed.id(), methods.dispatch(confirmed)));
            }
        }
    }

    private static ResponseEntity<Object> ok(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @Override
    public void destroy() {
        continuations.shutdownNow();
    }
}
