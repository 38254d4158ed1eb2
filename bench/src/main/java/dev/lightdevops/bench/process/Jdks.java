package dev.lightdevops.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The JDKs the harness can run the apps on: the one it runs on, and a newer one (virtual threads) if installed. */
public final class Jdks {

    private Jdks() {
    }

    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code BENCH_JDK25} or the newest {@code /usr/lib/jvm/temurin-25*}, if any. */
    public static Optional<Path> temurin25() {
        String configured = System.getenv("BENCH_JDK25");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(jvm -> jvm.getFileName().toString().startsWith("temurin-25"))
                    .max(Comparator.naturalOrder())
                    .map(jvm -> jvm.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String describe(Path java) {
        try {
            Process version = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes());
            version.waitFor();
            return text.lines().skip(1).findFirst().orElse(text).trim();
        } catch (IOException e) {
            return java.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.toString();
        }
    }
}
