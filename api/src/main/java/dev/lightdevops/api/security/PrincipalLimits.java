package dev.lightdevops.api.security;

import dev.lightdevops.api.operations.OperationView;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Per-principal limits on mutating tools: a token bucket (bucket4j) per principal and tenant, and a cap on the
 * operations a principal has not seen finish yet (counted in the api's operation view). Buckets of principals that
 * stopped calling are dropped once full again (Caffeine), so many one-off principals cannot grow memory unbounded.
 */
@Component
public class PrincipalLimits {

    private final LimitProperties limits;
    private final OperationView view;
    private final Cache<String, Bucket> buckets;

    PrincipalLimits(LimitProperties limits, OperationView view) {
        this.limits = limits;
        this.view = view;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(limits.mutatingCallsPeriod().multipliedBy(2))
                .maximumSize(100_000).build();
    }

    /** Takes one mutating call from the caller's bucket, or throws with the time until the next one. */
    public void takeMutatingCall(Caller caller) {
        Bucket bucket = buckets.get(caller.tenant() + "/" + caller.principal(), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.mutatingCalls())
                        .refillGreedy(limits.mutatingCalls(), limits.mutatingCallsPeriod()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new LimitExceededException("rate_limited", "too many mutating calls: at most "
                    + limits.mutatingCalls() + " per " + limits.mutatingCallsPeriod().toSeconds() + " s", wait);
        }
    }

    /** Throws unless the caller has fewer not-yet-terminal operations than the cap. */
    public void requireOperationSlot(Caller caller) {
        long active = view.unfinishedCount(caller.principal(), caller.tenant());
        if (active >= limits.maxActiveOperations()) {
            throw new LimitExceededException("too_many_operations", "you have " + active
                    + " operations still running (at most " + limits.maxActiveOperations()
                    + "); wait for one to finish or cancel one", Duration.ofSeconds(5));
        }
    }
}
