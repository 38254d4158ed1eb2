package dev.lightdevops.api.tools;

import dev.lightdevops.api.identity.Caller;
import dev.lightdevops.api.identity.PermissionDeniedException;
import dev.lightdevops.api.identity.ToolCallGate;
import dev.lightdevops.common.tool.InvalidArgumentsException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Every {@link ToolHandler} bean by name. {@link #call} passes every call through the security gate
 * ({@link ToolCallGate}: permission, rate limit, active-operation cap) before the handler runs, and turns refusals
 * the caller can act on (invalid arguments, missing permission, and each feature's {@link ToolRefusal}: an approval
 * rule, Kafka unavailable...) into error results that name the next valid action, so a model sees the reason and can
 * correct itself. Limit refusals
 * propagate, for the edge to answer 429 / a JSON-RPC error.
 */
@Component
public class ToolRegistry {

    private final Map<String, ToolHandler> handlers;
    private final ToolCallGate gate;
    private final ObservationRegistry observations;

    ToolRegistry(List<ToolHandler> handlers, ToolCallGate gate, ObservationRegistry observations) {
        this.gate = gate;
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(handler -> handler.definition().name(), Function.identity()));
        this.observations = observations;
    }

    public Collection<ToolHandler> all() {
        return handlers.values().stream().sorted(java.util.Comparator.comparing(h -> h.definition().name())).toList();
    }

    public ToolResult call(String name, Map<String, Object> arguments, Caller caller) {
        ToolHandler handler = handlers.get(name);
        if (handler == null) {
            throw new UnknownToolException(name);
        }
        // One observation per call: the span the operation's trace starts from, and the devops.tool.calls timer
        // (acceptance latency of mutating tools, by tool and outcome).
        Observation observation = ToolCallObservation.start(name, handler.definition(), caller, observations);
        ToolResult answer;
        try (Observation.Scope scope = observation.openScope()) {
            gate.admit(handler.definition(), arguments, caller);
            answer = handler.call(arguments, caller);
        } catch (RuntimeException refused) {
            try {
                answer = asResult(refused);
            } catch (RuntimeException unmapped) {
                ToolCallObservation.stop(observation, null, unmapped);
                throw unmapped;
            }
        }
        ToolCallObservation.stop(observation, answer, null);
        return answer;
    }

    /** A refusal the caller can act on, as an error result whose text ends with the next valid action. */
    private static ToolResult asResult(RuntimeException failure) {
        return switch (failure) {
            case InvalidArgumentsException invalid -> ToolResult.failed("invalid_argument", invalid.getMessage(),
                    false, "Correct that argument and call again; tools/list gives the input schema.");
            case PermissionDeniedException denied -> ToolResult.failed("permission_denied", denied.getMessage(),
                    false, "Call authenticate_user to see your permissions, or ask someone who holds '"
                            + denied.permission() + "'.");
            case ToolRefusal refusal -> refusal.asToolResult();
            default -> throw failure;
        };
    }
}
