package dev.lightdevops.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void medianOfOddAndEvenRunsIgnoringMissingValues() {
        assertThat(Report.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Report.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Report.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
        assertThat(Report.median(List.of())).isNaN();
    }

    @Test
    void goalsJudgeTheMedian() {
        assertThat(Goal.atLeast(5000, "/s").verdict(5000)).isEqualTo("yes");
        assertThat(Goal.atLeast(5000, "/s").verdict(4999)).isEqualTo("NO");
        assertThat(Goal.atMost(20, "ms").verdict(20.5)).isEqualTo("NO");
        assertThat(Goal.none().verdict(1)).isEmpty();
    }

    @Test
    void aFigureIsOneMarkdownRowWrittenToTheResultsFile(@TempDir Path directory) throws Exception {
        Report report = new Report(directory.resolve("results.md"));

        double median = report.figure("deploys", Goal.atLeast(5000, "/s"), List.of(6000.0, 4000.0, 5500.0), "/s",
                "note");

        assertThat(median).isEqualTo(5500.0);
        assertThat(Files.readString(directory.resolve("results.md")))
                .isEqualTo("| deploys | ≥ 5,000 /s | **5,500** /s | 6,000, 4,000, 5,500 | yes | note |"
                        + System.lineSeparator());
    }
}
