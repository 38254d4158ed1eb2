package dev.lightdevops.bench.process;

import java.io.IOException;
import java.nio.file.Path;

/** The JDK the harness starts the apps on: its own, which bench/run.sh takes from the build (scripts/jdk.sh). */
public final class Jdks {

    private Jdks() {
    }

    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
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
