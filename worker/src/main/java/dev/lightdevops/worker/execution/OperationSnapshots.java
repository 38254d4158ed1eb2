package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the snapshots of one run of an operation in order: those that matter ({@code running} at each attempt's
 * start, the terminal one) are {@linkplain #acknowledged acknowledged} before the run moves on; progress is
 * {@linkplain #progress sent without waiting} and coalesced, at most one in flight, and a progress report that
 * arrives while one is in flight replaces any older one still waiting (the newest wins). Every send happens under
 * this object's lock, so the producer receives this operation's snapshots in the order the run made them, and
 * nothing waiting is sent after an acknowledged snapshot: no progress ever lands after the terminal one.
 */
final class OperationSnapshots {

    private static final Logger log = LoggerFactory.getLogger(OperationSnapshots.class);

    private final Function<Operation, CompletableFuture<?>> send;
    private final Executor handOff;
    private Operation waiting;
    private boolean inFlight;
    private boolean closed;

    /**
     * @param send sends one snapshot without waiting
     * @param handOff where the next waiting progress is sent from when one in flight completes: never the producer's
     *     own I/O thread, on which a send that has to wait (metadata, a full buffer) would stall every send
     */
    OperationSnapshots(Function<Operation, CompletableFuture<?>> send, Executor handOff) {
        this.send = send;
        this.handOff = handOff;
    }

    /** Sends {@code snapshot} after everything sent before it and drops progress still waiting; does not wait. */
    synchronized CompletableFuture<?> acknowledged(Operation snapshot) {
        waiting = null;
        return send.apply(snapshot);
    }

    /** Sends a progress snapshot now if none is in flight, else keeps it as the one to send next. */
    synchronized void progress(Operation snapshot) {
        if (closed) {
            return;
        }
        if (inFlight) {
            waiting = snapshot;
            return;
        }
        sendProgress(snapshot);
    }

    /** No more progress: called before the terminal snapshot. */
    synchronized void close() {
        closed = true;
        waiting = null;
    }

    private void sendProgress(Operation snapshot) {
        inFlight = true;
        send.apply(snapshot).whenComplete((written, failure) -> {
            if (failure != null) {
                // A lost progress snapshot costs nothing: the next one, or the terminal one, is a full snapshot.
                log.debug("progress snapshot of {} not written: {}", snapshot.id(), failure.toString());
            }
            handOff.execute(this::sendWaiting);
        });
    }

    private synchronized void sendWaiting() {
        Operation next = closed ? null : waiting;
        waiting = null;
        if (next == null) {
            inFlight = false;
        } else {
            sendProgress(next);
        }
    }
}
