package dev.lightdevops.bench;

import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import java.nio.file.Path;

/** What every suite gets: the settings, the report, and a way to start a fresh stack in its own directory. */
public record Context(Settings settings, Report report, Path repository, Path runDirectory, String classpath) {

    public Stack newStack(String name) {
        return new Stack(repository, runDirectory.resolve(name), classpath);
    }

    public ApiClient client(String baseUrl) {
        return new ApiClient(baseUrl, settings.token());
    }
}
