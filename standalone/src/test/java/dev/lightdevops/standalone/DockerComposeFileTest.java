package dev.lightdevops.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so {@code docker-compose.yml} is checked as data: it must parse, run Kafka in KRaft mode
 * from the official image, build the api and worker from Dockerfiles in this repository, and leave the worker
 * scalable ({@code --scale worker=N}).
 */
class DockerComposeFileTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void kafkaRunsInKraftModeFromTheOfficialImage() {
        Map<String, Object> kafka = services.get("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        Map<String, Object> environment = environment("kafka");
        assertThat(environment.get("KAFKA_PROCESS_ROLES").toString()).contains("broker").contains("controller");
        assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("kafka:9092");
    }

    @Test
    void apiAndWorkerAreBuiltFromDockerfilesInTheRepository() throws IOException {
        for (String module : List.of("api", "worker")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) services.get(module).get("build");
            Path dockerfile = REPO.resolve(build.get("context").toString()).resolve(build.get("dockerfile").toString());
            assertThat(dockerfile).exists();
            String text = Files.readString(dockerfile);
            assertThat(text).contains("-pl " + module + " -am").contains("/" + module + "/target/" + module + "-");
            assertThat(REPO.resolve(module).resolve("pom.xml")).exists();
            assertThat(environment(module)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiKeepsItsHistoryInThePostgresServiceAndWaitsForIt() {
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
        assertThat(environment("api").get("DATABASE_URL").toString()).startsWith("postgres://")
                .contains("@postgres:5432/" + environment("postgres").get("POSTGRES_DB"));
        Map<String, Object> dependsOn = (Map<String, Object>) services.get("api").get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
    }

    @Test
    void workersCanBeScaled() {
        Map<String, Object> worker = services.get("worker");
        assertThat(worker).doesNotContainKeys("container_name", "ports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }
}
