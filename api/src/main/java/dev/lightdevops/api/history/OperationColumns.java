package dev.lightdevops.api.history;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationType;
import java.util.Map;

/**
 * What a change is searched and shown by, read off an operation snapshot: the version it brought (a deploy's
 * requested one, the one a rollback restored), the version live before it (when the worker reported it in the
 * result; the deployment history fills in the rest), and the reason the requester gave.
 */
record OperationColumns(String version, String fromVersion, String reason) {

    static OperationColumns of(Operation operation) {
        Map<String, Object> request = operation.request();
        Map<String, Object> result = operation.result() == null ? Map.of() : operation.result();
        return switch (operation.type()) {
            case DEPLOY -> new OperationColumns(text(request.get("version")), text(result.get("previous_version")),
                    text(request.get("reason")));
            case ROLLBACK -> new OperationColumns(
                    firstText(result.get("version"), request.get("target_version")),
                    text(result.get("rolled_back_from")), text(request.get("reason")));
            case FETCH_LOGS, FETCH_METRICS -> new OperationColumns(null, null, text(request.get("reason")));
        };
    }

    static boolean isChange(OperationType type) {
        return type == OperationType.DEPLOY || type == OperationType.ROLLBACK;
    }

    private static String firstText(Object first, Object second) {
        String text = text(first);
        return text != null ? text : text(second);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
