package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.WorkerProperties;
import dev.lightdevops.worker.execution.ProgressListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A deploy target that changes nothing outside: it walks the stages of a real rollout (validate → pull image → rolling
 * update across the replicas → health check → traffic shift), each taking its configured time and failing with its
 * configured probability, decided by a seeded generator so that a run can be reproduced. What is live is recorded by
 * the executors in {@code ops.deployments}, like for every target.
 */
@Component
@ConditionalOnProperty(name = "devops.deploy.target", havingValue = "simulated", matchIfMissing = true)
class SimulatedDeployTarget implements DeployTarget {

    static final String VALIDATE = "validate";
    static final String PULL_IMAGE = "pull_image";
    static final String ROLLING_UPDATE = "rolling_update";
    static final String HEALTH_CHECK = "health_check";
    static final String TRAFFIC_SHIFT = "traffic_shift";

    private final DeployProperties.Simulated settings;
    private final Duration defaultStage;
    private final Pattern failingVersions;

    SimulatedDeployTarget(DeployProperties deploy, WorkerProperties worker) {
        this.settings = deploy.simulated();
        this.defaultStage = worker.simulatedStageDuration();
        this.failingVersions = settings.failingVersions().isEmpty() ? null : Pattern.compile(settings.failingVersions());
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public Map<String, Object> deploy(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        return rollOut(spec, progress, "deploy");
    }

    @Override
    public Map<String, Object> rollback(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        return rollOut(spec, progress, "rollback");
    }


    private Map<String, Object> rollOut(DeploySpec spec, ProgressListener progress, String action)
            throws InterruptedException {
        SplittableRandom dice = new SplittableRandom(Objects.hash(settings.seed(), spec.operationId(), action)
                ^ (settings.seed() == null ? System.nanoTime() : 0L));
        int replicas = settings.replicas();
        int steps = replicas + 4;
        stage(spec, progress, dice, VALIDATE, 0, steps, "validating " + spec.version() + " for " + spec.key());
        stage(spec, progress, dice, PULL_IMAGE, 1, steps, "pulling image " + spec.service() + ":" + spec.version());
        for (int replica = 1; replica <= replicas; replica++) {
            stage(spec, progress, dice, ROLLING_UPDATE, 1 + replica, steps,
                    "updating replica " + replica + "/" + replicas + " to " + spec.version());
        }
        boolean unhealthy = failingVersions != null && failingVersions.matcher(spec.version()).matches();
        if (unhealthy) {
            progress.report(new Progress(percent(replicas + 2, steps), HEALTH_CHECK, "health check of " + spec.version()));
            pause(HEALTH_CHECK);
            throw healthCheckFailed(spec);
        }
        stage(spec, progress, dice, HEALTH_CHECK, replicas + 2, steps, "health check of " + spec.version());
        stage(spec, progress, dice, TRAFFIC_SHIFT, replicas + 3, steps, "shifting traffic to " + spec.version());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("replicas", replicas);
        result.put("simulated", true);
        return result;
    }

    private void stage(DeploySpec spec, ProgressListener progress, SplittableRandom dice, String stage, int step,
            int steps, String message) throws InterruptedException {
        progress.report(new Progress(percent(step, steps), stage, message));
        pause(stage);
        double failureRate = settings.failureRates().getOrDefault(stage, 0.0);
        if (dice.nextDouble() < failureRate) {
            if (HEALTH_CHECK.equals(stage)) {
                throw healthCheckFailed(spec);
            }
            throw new DeployFailedException("deploy_failed", "simulated failure in stage " + stage + " of "
                    + spec.key() + " " + spec.version(), stage, false, true);
        }
    }

    private void pause(String stage) throws InterruptedException {
        Duration duration = settings.stageDurations().getOrDefault(stage, defaultStage);
        Thread.sleep(duration.toMillis());
    }

    private static DeployFailedException healthCheckFailed(DeploySpec spec) {
        return new DeployFailedException("health_check_failed", spec.service() + " " + spec.version()
                + " did not pass its health check in " + spec.environment(), HEALTH_CHECK, true, false);
    }

    private static int percent(int step, int steps) {
        return step * 100 / steps;
    }
}
