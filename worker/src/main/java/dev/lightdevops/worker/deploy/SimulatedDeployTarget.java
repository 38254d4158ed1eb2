package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.WorkerProperties;
import dev.lightdevops.worker.execution.ProgressListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A deploy target that performs no real change: it walks the stages of a deploy (validate, roll out, health check),
 * each taking the configured duration, so the whole asynchronous path can be used without any infrastructure.
 */
@Component
class SimulatedDeployTarget implements DeployTarget {

    private static final List<String> STAGES = List.of("validate", "roll_out", "health_check");

    private final WorkerProperties settings;

    SimulatedDeployTarget(WorkerProperties settings) {
        this.settings = settings;
    }

    @Override
    public Map<String, Object> deploy(Operation operation, ProgressListener progress) throws InterruptedException {
        String version = String.valueOf(operation.request().get("version"));
        for (int i = 0; i < STAGES.size(); i++) {
            String stage = STAGES.get(i);
            progress.report(new Progress(i * 100 / STAGES.size(), stage,
                    stage.replace('_', ' ') + " of " + operation.target().key() + " " + version));
            Thread.sleep(settings.simulatedStageDuration().toMillis());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("service", operation.target().service());
        result.put("environment", operation.target().environment());
        result.put("version", version);
        result.put("target", "simulated");
        result.put("simulated", true);
        return result;
    }
}
