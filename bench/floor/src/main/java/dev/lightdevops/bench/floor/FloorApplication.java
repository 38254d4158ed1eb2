package dev.lightdevops.bench.floor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The framework floor of the acceptance benchmark: {@code POST /mcp} parses a JSON-RPC request with Jackson and
 * answers an empty result, as the api answers a ping, with the same Spring Boot, Tomcat, virtual threads and JDK. What
 * the api adds on top (security, observability, MCP dispatch, Kafka) is measured as a ratio to this.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

    private final JsonMapper json;

    FloorApplication(JsonMapper json) {
        this.json = json;
    }

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    @PostMapping(path = "/mcp", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> ping(@RequestBody String body) {
        JsonNode request = json.readTree(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", json.treeToValue(request.get("id"), Object.class));
        answer.put("result", Map.of());
        return answer;
    }
}
