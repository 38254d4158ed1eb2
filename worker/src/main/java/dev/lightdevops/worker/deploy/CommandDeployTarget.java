package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.execution.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Deploys by running the command configured for the environment (a script calling kubectl, helm, argocd...). Service,
 * version and environment are passed as separate arguments and as environment variables, never through a shell, so no
 * value can inject anything. Each output line becomes progress; cancellation (thread interrupt) and the deadline end
 * the whole process tree; exit code 0 is success, the configured health-check code is an unhealthy rollout, any other
 * code a failed one.
 */
@Component
@ConditionalOnProperty(name = "devops.deploy.target", havingValue = "command")
class CommandDeployTarget implements DeployTarget {

    private static final int KEPT_LINES = 20;
    private static final Duration POLL = Duration.ofMillis(50);
    /** Secrets of the worker that a deploy script has no business seeing. */
    private static final List<String> WITHHELD_ENV = List.of("DD_API_KEY", "DD_APP_KEY");

    private final DeployProperties.Command settings;

    CommandDeployTarget(DeployProperties deploy) {
        this.settings = deploy.command();
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Map<String, Object> deploy(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        return run("deploy", commandFor(spec.environment()).deploy(), spec, progress);
    }

    @Override
    public Map<String, Object> rollback(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        List<String> rollback = commandFor(spec.environment()).rollback();
        return run("rollback", rollback == null || rollback.isEmpty() ? commandFor(spec.environment()).deploy()
                : rollback, spec, progress);
    }


    private DeployProperties.EnvironmentCommands commandFor(String environment) {
        DeployProperties.EnvironmentCommands commands = settings.environments().get(environment);
        if (commands == null || commands.deploy() == null || commands.deploy().isEmpty()) {
            throw new DeployFailedException("target_not_configured", "no deploy command is configured for "
                    + "environment " + environment + " (devops.deploy.command.environments." + environment
                    + ".deploy)", "validate", false, false);
        }
        return commands;
    }

    private Map<String, Object> run(String action, List<String> command, DeploySpec spec, ProgressListener progress)
            throws InterruptedException {
        List<String> arguments = new ArrayList<>(command);
        arguments.addAll(List.of(spec.service(), spec.version(), spec.environment()));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        if (settings.workingDirectory() != null) {
            builder.directory(settings.workingDirectory().toFile());
        }
        Map<String, String> env = builder.environment();
        WITHHELD_ENV.forEach(env::remove);
        env.put("DEPLOY_ACTION", action);
        env.put("DEPLOY_SERVICE", spec.service());
        env.put("DEPLOY_VERSION", spec.version());
        env.put("DEPLOY_ENVIRONMENT", spec.environment());
        env.put("DEPLOY_OPERATION_ID", spec.operationId());
        if (spec.currentVersion() != null) {
            env.put("DEPLOY_CURRENT_VERSION", spec.currentVersion());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException cannotStart) {
            throw new DeployFailedException("command_failed", "could not start " + command.get(0) + ": "
                    + cannotStart.getMessage(), action, false, false);
        }
        return await(process, action, spec, progress);
    }

    private Map<String, Object> await(Process process, String action, DeploySpec spec, ProgressListener progress)
            throws InterruptedException {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(process, lines), "deploy-command-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        Deque<String> tail = new ArrayDeque<>();
        Instant deadline = deadline(spec);
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                report(lines, tail, action, progress);
                if (Instant.now().isAfter(deadline)) {
                    terminate(process);
                    throw new DeployFailedException("deadline_exceeded", action + " command for " + spec.key()
                            + " ran past its deadline and was stopped", action, false, true);
                }
            }
        } catch (InterruptedException cancelled) {
            terminate(process);
            throw cancelled;
        }
        reader.join(Duration.ofSeconds(5).toMillis());
        report(lines, tail, action, progress);
        int exit = process.exitValue();
        if (exit == 0) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("exit_code", 0);
            result.put("output_tail", List.copyOf(tail));
            return result;
        }
        String last = tail.isEmpty() ? "no output" : tail.peekLast();
        boolean unhealthy = exit == settings.healthCheckFailedExitCode();
        throw new DeployFailedException(unhealthy ? "health_check_failed" : "command_failed",
                action + " command for " + spec.key() + " " + spec.version() + " exited with code " + exit + ": "
                        + last, action, unhealthy, false);
    }

    private Instant deadline(DeploySpec spec) {
        Instant byTimeout = Instant.now().plus(settings.timeout());
        return spec.deadline() != null && spec.deadline().isBefore(byTimeout) ? spec.deadline() : byTimeout;
    }

    private static void report(LinkedBlockingQueue<String> lines, Deque<String> tail, String action,
            ProgressListener progress) {
        List<String> drained = new ArrayList<>();
        lines.drainTo(drained);
        for (String line : drained) {
            tail.addLast(line);
            if (tail.size() > KEPT_LINES) {
                tail.removeFirst();
            }
            progress.report(new Progress(50, action, line.length() > 300 ? line.substring(0, 300) : line));
        }
    }

    private static void pump(Process process, LinkedBlockingQueue<String> lines) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // The process was destroyed: its output ends here.
        }
    }

    /** Ends the process and everything it started: children first, politely, then by force after the grace. */
    private void terminate(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(settings.terminationGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            // Forced below.
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
