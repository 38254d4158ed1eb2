package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.common.json.ContractJson;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deploy patch from the configuration, for Deployments whose version is more than an image tag. Its placeholders
 * ({@code {{version}}}, {@code {{image}}}, ...) are replaced by JSON-escaped values, so a value lands inside the
 * string it was written in and cannot add structure; an unknown placeholder is a configuration error.
 */
record ConfiguredPatch(String template, String type) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    PatchType patchType() {
        return switch (type) {
            case "json" -> PatchType.JSON;
            case "merge" -> PatchType.JSON_MERGE;
            default -> PatchType.STRATEGIC_MERGE;
        };
    }

    /** The patch text with every placeholder replaced by its value from {@code values}. */
    String render(Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder {{" + placeholder.group(1) + "}} in the "
                        + "configured patch (known: " + String.join(", ", values.keySet()) + ")");
            }
            String quoted = new String(ContractJson.write(value), java.nio.charset.StandardCharsets.UTF_8);
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }
}
