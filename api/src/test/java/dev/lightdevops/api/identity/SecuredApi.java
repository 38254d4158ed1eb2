package dev.lightdevops.api.identity;

import dev.lightdevops.api.ApiTestContexts;
import dev.lightdevops.api.history.RealPostgres;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One api per test JVM with authentication on, trusting a {@link TestIssuer}, with a history store of its own (so
 * that tenant isolation covers the history too); limits set high so that the permission matrix is not rate limited.
 * Started on first use, closed when the JVM exits.
 */
final class SecuredApi {

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext api;

    private SecuredApi() {
    }

    static synchronized TestIssuer issuer() {
        start();
        return issuer;
    }

    static synchronized McpClient client() {
        start();
        return new McpClient(ApiTestContexts.baseUrl(api));
    }

    static synchronized String baseUrl() {
        start();
        return ApiTestContexts.baseUrl(api);
    }

    static synchronized ConfigurableApplicationContext context() {
        start();
        return api;
    }

    private static void start() {
        if (api != null) {
            return;
        }
        issuer = new TestIssuer();
        api = ApiTestContexts.start(Stream.of(Arrays.stream(issuer.apiArguments()), Stream.of(
                "--devops.limits.mutating-calls=1000", "--devops.limits.max-active-operations=1000",
                "--devops.limits.fetch-calls=1000"),
                RealPostgres.apiArguments().stream()).flatMap(arguments -> arguments).toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            issuer.close();
        }));
    }
}
