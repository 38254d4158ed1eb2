package dev.lightdevops.api.approvals;

import dev.lightdevops.api.identity.CallerResolver;
import dev.lightdevops.api.rest.ToolResponses;
import dev.lightdevops.api.rest.ToolRoutes;
import dev.lightdevops.common.tool.ToolCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/operations/{id}:approve} and {@code :reject} (body {@code {"reason": "..."}}): the
 * approve_operation and reject_operation tools as REST, through the tool registry like every route, so the same
 * gate, rules and audit apply. The dashboard's buttons call these.
 */
@RestController
@RequestMapping(path = "/api/v1/operations", produces = MediaType.APPLICATION_JSON_VALUE)
class ApprovalRoutes {

    private final ToolRoutes tools;
    private final CallerResolver callers;

    ApprovalRoutes(ToolRoutes tools, CallerResolver callers) {
        this.tools = tools;
        this.callers = callers;
    }

    @PostMapping("/{id}:approve")
    @Operation(operationId = "approveOperation", summary = "Approve an operation awaiting approval "
            + "(tool approve_operation)")
    ResponseEntity<Object> approve(@PathVariable String id,
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return ToolResponses.toHttp(tools.call(ToolCatalogue.APPROVE_OPERATION, arguments(id, body),
                callers.resolve(request)));
    }

    @PostMapping("/{id}:reject")
    @Operation(operationId = "rejectOperation", summary = "Reject an operation awaiting approval, with a reason "
            + "(tool reject_operation)")
    ResponseEntity<Object> reject(@PathVariable String id,
            @RequestBody(required = false) @Schema(type = "object") Map<String, Object> body,
            HttpServletRequest request) {
        return ToolResponses.toHttp(tools.call(ToolCatalogue.REJECT_OPERATION, arguments(id, body),
                callers.resolve(request)));
    }

    private static Map<String, Object> arguments(String id, Map<String, Object> body) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (body != null && body.get("reason") != null) {
            arguments.put("reason", body.get("reason"));
        }
        arguments.put("operation_id", id);
        return arguments;
    }
}
