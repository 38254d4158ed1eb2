package dev.lightdevops.bench;

import dev.lightdevops.bench.drills.BadInputDrill;
import dev.lightdevops.bench.drills.BrokerOutageDrill;
import dev.lightdevops.bench.drills.WorkerKillDrill;
import dev.lightdevops.bench.drills.cluster.ClusterDrill;
import dev.lightdevops.bench.report.Report;
import dev.lightdevops.bench.suites.AcceptanceBench;
import dev.lightdevops.bench.suites.EndToEndBench;
import dev.lightdevops.bench.suites.FootprintBench;
import dev.lightdevops.bench.suites.HistoryBench;
import dev.lightdevops.bench.suites.ScaleOutBench;
import dev.lightdevops.bench.suites.WorkerFootprintBench;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code bench/run.sh}: runs the named suites (default: all) against processes it starts itself and
 * prints every figure as a markdown row. Exits 1 when a drill failed, 2 on bad usage.
 */
public final class Bench {

    private static final Map<String, Suite> SUITES = new LinkedHashMap<>();

    static {
        for (Suite suite : List.of(new AcceptanceBench(), new EndToEndBench(), new ScaleOutBench(),
                new FootprintBench(), new WorkerFootprintBench(), new HistoryBench(), new WorkerKillDrill(), new BrokerOutageDrill(), new BadInputDrill(),
                ClusterDrill.leaderKill(), ClusterDrill.apiKill(), ClusterDrill.brokerPartition())) {
            SUITES.put(suite.name(), suite);
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<Suite> chosen = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "all" -> chosen.addAll(SUITES.values());
                case "benchmarks" -> SUITES.values().stream().filter(s -> !s.name().startsWith("drill"))
                        .forEach(chosen::add);
                case "drills" -> SUITES.values().stream().filter(s -> s.name().startsWith("drill"))
                        .forEach(chosen::add);
                default -> {
                    Suite suite = SUITES.get(arg);
                    if (suite == null) {
                        System.err.println("unknown suite '" + arg + "'; known: all, benchmarks, drills, "
                                + String.join(", ", SUITES.keySet()) + " (and --quick)");
                        System.exit(2);
                    }
                    chosen.add(suite);
                }
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(SUITES.values());
        }
        Path repository = Path.of("").toAbsolutePath();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDirectory = repository.resolve("bench/target/runs/" + stamp);
        Report report = new Report(runDirectory.resolve("results.md"));
        SuiteSetup context = new SuiteSetup(Settings.from(System.getenv(), quick), report, repository, runDirectory,
                System.getProperty("java.class.path"));
        report.line("### Bench run " + stamp + (quick ? " (quick)" : ""));
        report.line("");
        report.line("Machine: " + MachineFacts.describe() + ". Logs: `" + repository.relativize(runDirectory) + "`.");
        report.line("Settings: " + context.settings());
        boolean allPassed = true;
        for (Suite suite : chosen) {
            System.out.println(">>> " + suite.name() + " (load average " + MachineFacts.loadAverage() + ")");
            try {
                allPassed &= suite.run(context);
            } catch (Exception | AssertionError failure) {
                report.line("");
                report.line("**" + suite.name() + ": could not run: " + failure + "**");
                failure.printStackTrace();
                allPassed &= !suite.name().startsWith("drill");
            }
        }
        report.line("");
        report.line("Load average at the end: " + MachineFacts.loadAverage() + ". Results: `"
                + repository.relativize(report.file()) + "`.");
        System.exit(allPassed ? 0 : 1);
    }
}
