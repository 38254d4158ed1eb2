package dev.lightdevops.api.operations;

import dev.lightdevops.api.security.Caller;
import dev.lightdevops.api.security.CallerResolver;
import dev.lightdevops.api.security.PermissionDeniedException;
import dev.lightdevops.common.operation.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST access to operations. */
@RestController
@RequestMapping("/api/v1/operations")
class OperationsController {

    private final OperationView view;
    private final CallerResolver callers;

    OperationsController(OperationView view, CallerResolver callers) {
        this.view = view;
        this.callers = callers;
    }

    @GetMapping("/{id}")
    Operation get(@PathVariable String id, HttpServletRequest request) {
        Caller caller = callers.resolve(request);
        if (!caller.may("read_operations")) {
            throw new PermissionDeniedException("read_operations", "read operations");
        }
        return view.find(id)
                .filter(operation -> caller.tenant().equals(operation.tenant()))
                .orElseThrow(() -> new OperationNotFoundException(id));
    }
}
