package dev.lightdevops.api.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-principal limits: a token bucket (bucket4j) per principal and tenant for mutating tools, another for reads
 * that start a fetch, and a cap on the deploys and rollbacks a principal has not seen finish yet (counted in the api's
 * operation view). Reads never count against the mutating limits: an agent whose deploys are running can still read
 * logs. Buckets of principals that stopped calling are dropped once full again (Caffeine), so many one-off
 * principals cannot grow memory unbounded.
 */
@Component
public class PrincipalLimits {

    private final LimitProperties limits;
    private final UnfinishedOperations view;
    private final Cache<String, Bucket> mutating;
    private final Cache<String, Bucket> fetches;

    PrincipalLimits(LimitProperties limits, UnfinishedOperations view) {
        this.limits = limits;
        this.view = view;
        this.mutating = buckets(limits.mutatingCallsPeriod());
        this.fetches = buckets(limits.fetchCallsPeriod());
    }

    /** Takes one mutating call from the caller's bucket, or throws with the time until the next one. */
    public void takeMutatingCall(Caller caller) {
        take(mutating, caller, limits.mutatingCalls(), limits.mutatingCallsPeriod(), "mutating calls");
    }

    /** Takes one fetch (get_logs, get_metrics) from the caller's read bucket, or throws. */
    public void takeFetchCall(Caller caller) {
        take(fetches, caller, limits.fetchCalls(), limits.fetchCallsPeriod(), "log and metric fetches");
    }

    /** Throws unless the caller has fewer unfinished deploys and rollbacks than the cap. */
    public void requireOperationSlot(Caller caller) {
        long active = view.unfinishedCount(caller.principal(), caller.tenant());
        if (active >= limits.maxActiveOperations()) {
            throw new LimitExceededException("too_many_operations", "you have " + active
                    + " deploys or rollbacks not finished yet (at most " + limits.maxActiveOperations()
                    + "); wait for one to finish, or cancel one with cancel_operation, then try again",
                    Duration.ofSeconds(5));
        }
    }

    private static void take(Cache<String, Bucket> buckets, Caller caller, long capacity, Duration period,
            String what) {
        Bucket bucket = buckets.get(caller.tenant() + "/" + caller.principal(), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new LimitExceededException("rate_limited", "too many " + what + ": at most " + capacity + " per "
                    + period.toSeconds() + " s; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
        }
    }

    private static Cache<String, Bucket> buckets(Duration period) {
        return Caffeine.newBuilder().expireAfterAccess(period.multipliedBy(2)).maximumSize(100_000).build();
    }
}
