package dev.lightdevops.bench;

import dev.lightdevops.bench.load.ApiClient;
import dev.lightdevops.bench.process.Stack;
import dev.lightdevops.bench.report.Report;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every suite gets: the settings, the report, and a way to start a fresh stack in its own directory. */
public record SuiteSetup(Settings settings, Report report, Path repository, Path runDirectory, String classpath) {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public Stack newStack(String name) {
        return new Stack(repository, runDirectory.resolve(name), classpath);
    }

    /**
     * A client of the api at {@code baseUrl} with a valid JWT: BENCH_TOKEN if set, else one minted by the api's
     * local issuer ({@code POST /local/tokens}, role Developer); anonymous only if the api has no issuer.
     */
    public ApiClient client(String baseUrl) throws Exception {
        if (!settings.token().isBlank()) {
            return new ApiClient(baseUrl, settings.token());
        }
        ApiClient anonymous = new ApiClient(baseUrl, null);
        var answer = anonymous.send(anonymous.post("/local/tokens",
                "{\"subject\":\"bench\",\"role\":\"Developer\",\"ttl_seconds\":86400}").build());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() == 200 && token.find()) {
            System.out.println("  calls carry a JWT minted by the api's local issuer (subject bench, Developer)");
            return new ApiClient(baseUrl, token.group(1));
        }
        System.out.println("  no token facility (" + answer.statusCode() + "): calls are anonymous");
        return anonymous;
    }
}
