package dev.lightdevops.api;

import dev.lightdevops.common.testing.RealKafka;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real api contexts (HTTP on a random port) against the shared broker; a test may start several. */
public final class ApiTestContexts {

    private ApiTestContexts() {
    }

    public static ConfigurableApplicationContext start(String... extraArgs) {
        String[] args = new String[extraArgs.length + 4];
        args[0] = "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers();
        args[1] = "--server.port=0";
        args[2] = "--devops.auth.allow-anonymous=true";
        args[3] = "--devops.auth.anonymous-role=Developer";
        System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
        return ApiApplication.builder().run(args);
    }

    public static String baseUrl(ConfigurableApplicationContext api) {
        return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
    }
}
