package dev.lightdevops.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.operation.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command target running real shell scripts from src/test/resources: success, failure, cancellation, deadline. */
class CommandDeployTargetTest {

    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @Test
    void argumentsWithShellMetacharactersArriveLiterallyAndOutputBecomesProgress() throws Exception {
        Path marker = temp.resolve("pwned");
        String hostile = "1.0; touch " + marker + " $(touch " + marker + ") `touch " + marker + "` | && *";

        Map<String, Object> result = target("staging", List.of("/bin/sh", script("deploy.sh")), null)
                .deploy(spec("cart", hostile, Instant.now().plusSeconds(60)), progress::add);

        assertThat(result).containsEntry("exit_code", 0);
        assertThat(progress).extracting(Progress::message)
                .contains("action=deploy", "arg=cart", "arg=" + hostile, "arg=staging", "env-version=" + hostile,
                        "dd-key-visible=no", "rolled out");
        assertThat(marker).doesNotExist();
    }

    @Test
    void nonZeroExitFailsWithTheLastOutputLine() {
        assertThatThrownBy(() -> target("staging", List.of("/bin/sh", script("failing.sh"), "2"), null)
                .deploy(spec("cart", "2.0.0", Instant.now().plusSeconds(60)), progress::add))
                .isInstanceOfSatisfying(DeployFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("command_failed");
                    assertThat(failure.healthCheckFailed()).isFalse();
                    assertThat(failure.getMessage()).contains("exited with code 2")
                            .contains("exceeded its progress deadline");
                });
    }

    @Test
    void theHealthCheckExitCodeMeansUnhealthy() {
        assertThatThrownBy(() -> target("staging", List.of("/bin/sh", script("failing.sh"), "3"), null)
                .deploy(spec("cart", "2.0.0", Instant.now().plusSeconds(60)), progress::add))
                .isInstanceOfSatisfying(DeployFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("health_check_failed");
                    assertThat(failure.healthCheckFailed()).isTrue();
                });
    }

    @Test
    void cancellingASlowCommandEndsItsWholeProcessTree() throws Exception {
        Path pids = temp.resolve("pids");
        CommandDeployTarget target = target("staging", List.of("/bin/sh", script("slow.sh"), pids.toString()), null);
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                target.deploy(spec("cart", "3.0.0", Instant.now().plusSeconds(600)), progress::add);
                return null;
            } catch (Throwable thrown) {
                return thrown;
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> progress.stream().anyMatch(p -> "started".equals(p.message()))
                && Files.exists(pids) && Files.readString(pids).trim().contains(" "));
        List<Long> started = Arrays.stream(Files.readString(pids).trim().split(" ")).map(Long::parseLong).toList();
        assertThat(started).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        runner.get().interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(started)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process %d is still alive", pid).isFalse()));
    }

    @Test
    void aCommandRunningPastTheDeadlineIsStoppedAndFailsRetryable() {
        Path pids = temp.resolve("pids");
        CommandDeployTarget target = target("staging", List.of("/bin/sh", script("slow.sh"), pids.toString()), null);

        assertThatThrownBy(() -> target.deploy(spec("cart", "3.0.0", Instant.now().plusMillis(300)), progress::add))
                .isInstanceOfSatisfying(DeployFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo("deadline_exceeded");
                    assertThat(failure.retryable()).isTrue();
                });
    }

    @Test
    void rollbackRunsTheRollbackCommand() throws Exception {
        target("staging", List.of("/bin/sh", script("failing.sh"), "9"), List.of("/bin/sh", script("deploy.sh")))
                .rollback(spec("cart", "1.0.0", Instant.now().plusSeconds(60)), progress::add);

        assertThat(progress).extracting(Progress::message).contains("action=rollback", "arg=1.0.0");
    }

    @Test
    void anEnvironmentWithoutACommandIsAClearFailure() {
        assertThatThrownBy(() -> target("staging", List.of("/bin/sh", script("deploy.sh")), null)
                .deploy(new DeploySpec("cart", "development", "1.0.0", null, "op-1", null, null, null), progress::add))
                .isInstanceOfSatisfying(DeployFailedException.class,
                        failure -> assertThat(failure.code()).isEqualTo("target_not_configured"));
    }

    private DeploySpec spec(String service, String version, Instant deadline) {
        String environment = "staging";
        return new DeploySpec(service, environment, version, "0.9.0", "op-" + System.nanoTime(), "test", deadline, null);
    }

    private static CommandDeployTarget target(String environment, List<String> deploy, List<String> rollback) {
        DeployProperties.Command command = new DeployProperties.Command(
                Map.of(environment, new DeployProperties.EnvironmentCommands(deploy, rollback)),
                Duration.ofMinutes(1), null, 3, Duration.ofSeconds(2));
        return new CommandDeployTarget(new DeployProperties("command", Duration.ofSeconds(5),
                new DeployProperties.Simulated(1, null, null, null, ""), command));
    }

    private static String script(String name) {
        try {
            return Path.of(CommandDeployTargetTest.class.getResource("/scripts/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
