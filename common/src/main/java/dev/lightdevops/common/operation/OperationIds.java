package dev.lightdevops.common.operation;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Instant;
import java.util.UUID;

/** Operation ids are UUIDv7: unguessable, unique, and ordered by creation time. */
public final class OperationIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private OperationIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }

    /** The creation instant encoded in a UUIDv7 id, or empty when the text is not one. */
    public static java.util.Optional<Instant> createdAt(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.version() != 7) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16));
        } catch (IllegalArgumentException notAUuid) {
            return java.util.Optional.empty();
        }
    }
}
