package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.ApiClient;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The seed-compatible {@code POST /mcp/tools/deploy_service}, if the api has it: the body is the tool's arguments,
 * either bare or as {@code {"arguments": ...}}; whichever the api accepts is used.
 */
record SeedRoute(boolean wrapped) {

    static final String PATH = "/mcp/tools/deploy_service";

    static Optional<SeedRoute> detect(ApiClient client) throws Exception {
        for (boolean wrapped : new boolean[] {false, true}) {
            SeedRoute route = new SeedRoute(wrapped);
            HttpResponse<String> answer = client.send(client.post(PATH, route.body(0)).build());
            if (answer.statusCode() == 404 && !answer.body().contains("operation")) {
                return Optional.empty();
            }
            if (ApiClient.acceptedOperationId(answer) != null) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    String body(long seq) {
        String arguments = ApiClient.deployArguments("seed-" + (seq % 500), "staging", "3.0." + seq);
        return wrapped ? "{\"arguments\":" + arguments + "}" : arguments;
    }

    boolean deploy(ApiClient client, long seq) throws Exception {
        return ApiClient.acceptedOperationId(client.send(client.post(PATH, body(seq)).build())) != null;
    }
}
