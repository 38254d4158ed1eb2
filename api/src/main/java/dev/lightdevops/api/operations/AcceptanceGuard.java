package dev.lightdevops.api.operations;

import dev.lightdevops.api.identity.Caller;

/**
 * A check every operation request passes before it is published (per-principal limits, quotas...). Implement it as a
 * bean: {@link OperationAcceptance} calls every guard after the permission check. A guard refuses by throwing the
 * exception the edges map (e.g. {@code PermissionDeniedException}, or its own type mapped at the edges); the refusal
 * is audited and nothing is published.
 */
public interface AcceptanceGuard {

    void check(OperationRequest request, Caller caller);
}
