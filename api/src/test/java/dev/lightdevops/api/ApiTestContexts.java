package dev.lightdevops.api;

import dev.lightdevops.common.testing.RealKafka;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real api contexts (HTTP on a random port) against the shared broker; a test may start several. */
public final class ApiTestContexts {

    private ApiTestContexts() {
    }

    /** Starts an api; an argument in {@code extraArgs} replaces the default of the same name (anonymous Developer). */
    public static ConfigurableApplicationContext start(String... extraArgs) {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (String fallback : new String[] {"--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--server.port=0", "--devops.auth.allow-anonymous=true", "--devops.auth.anonymous-role=Developer"}) {
            String name = fallback.substring(0, fallback.indexOf('=') + 1);
            if (java.util.Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith(name))) {
                args.add(fallback);
            }
        }
        args.addAll(java.util.List.of(extraArgs));
        return ApiApplication.builder().run(args.toArray(String[]::new));
    }

    public static String baseUrl(ConfigurableApplicationContext api) {
        return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
    }
}
