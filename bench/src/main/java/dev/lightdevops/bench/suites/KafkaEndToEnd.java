package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.process.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own end-to-end latency on the same broker and machine ({@code org.apache.kafka.tools.EndToEndLatency}
 * from {@code kafka-tools}, acks=all, 512 B records, one at a time), run as its own process: the floor that our
 * accepted-to-visible latency is compared with.
 */
final class KafkaEndToEnd {

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");
    private static final Pattern PERCENTILES =
            Pattern.compile("50th = ([0-9.]+), 99th = ([0-9.]+), 99\\.9th = ([0-9.]+)");

    /** Milliseconds: average, p50, p99, p99.9. */
    record Figures(double average, double p50, double p99, double p999) {
    }

    private KafkaEndToEnd() {
    }

    static Figures measure(String bootstrapServers, String classpath, Path log, int records) throws Exception {
        String topic = "bench.e2e";
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            if (!client.listTopics().names().get().contains(topic)) {
                client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
        Process tool = new ProcessBuilder(Jdks.current().toString(), "-cp", classpath,
                "org.apache.kafka.tools.EndToEndLatency", "--bootstrap-server", bootstrapServers, "--topic", topic,
                "--num-records", String.valueOf(records), "--producer-acks", "all", "--record-size", "512")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (tool.waitFor() != 0) {
            throw new IllegalStateException("EndToEndLatency failed; see " + log);
        }
        String output = Files.readString(log);
        Matcher average = last(AVERAGE, output);
        Matcher percentiles = last(PERCENTILES, output);
        return new Figures(Double.parseDouble(average.group(1)), Double.parseDouble(percentiles.group(1)),
                Double.parseDouble(percentiles.group(2)), Double.parseDouble(percentiles.group(3)));
    }

    private static Matcher last(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        Map.Entry<Integer, Integer> found = null;
        while (matcher.find()) {
            found = Map.entry(matcher.start(), matcher.end());
        }
        if (found == null) {
            throw new IllegalStateException("EndToEndLatency printed no /" + pattern + "/");
        }
        Matcher result = pattern.matcher(text);
        result.find(found.getKey());
        return result;
    }
}
