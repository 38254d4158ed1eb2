package dev.lightdevops.api;

import dev.lightdevops.common.testing.RealKafka;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real api contexts (HTTP on a random port) against the shared broker; a test may start several. */
public final class ApiTestContexts {

    private ApiTestContexts() {
    }

    /**
     * Starts an api; an argument in {@code extraArgs} replaces the default of the same name. Defaults: anonymous
     * Developer, and per-principal limits high enough that operations other test classes left queued (no worker runs
     * in api tests) never count against this one; limit tests set their own.
     */
    public static ConfigurableApplicationContext start(String... extraArgs) {
        List<String> args = new ArrayList<>();
        for (String fallback : new String[] {"--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--server.port=0", "--devops.auth.allow-anonymous=true", "--devops.auth.anonymous-role=Developer",
                "--devops.limits.mutating-calls=100000", "--devops.limits.max-active-operations=100000",
                "--devops.limits.fetch-calls=100000"}) {
            String name = fallback.substring(0, fallback.indexOf('=') + 1);
            if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith(name))) {
                args.add(fallback);
            }
        }
        args.addAll(List.of(extraArgs));
        return ApiApplication.builder().run(args.toArray(String[]::new));
    }

    public static String baseUrl(ConfigurableApplicationContext api) {
        return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
    }
}
