package dev.lightdevops.api.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What browsers may reach this server (DNS-rebinding and cross-site protection, {@link BrowserRequestGuard}).
 *
 * @param allowedOrigins browser origins allowed besides loopback ones (http(s)://localhost, 127.0.0.1, [::1] on any
 *     port), such as {@code https://devops.example.com}; {@code *} allows any. A request from any other origin is
 *     refused with 403, and a browser request is served only on a loopback host or the host of an allowed origin
 */
@Validated
@ConfigurationProperties("devops.browser")
public record BrowserProperties(@DefaultValue("") List<String> allowedOrigins) {

    public BrowserProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }
}
