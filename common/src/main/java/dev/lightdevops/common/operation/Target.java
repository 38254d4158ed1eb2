package dev.lightdevops.common.operation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What an operation acts on: a service in an environment. Its key orders commands in Kafka. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(String service, String environment) {

    /** The Kafka key of every command on this target: {@code service@environment}. */
    @JsonIgnore
    public String key() {
        return service + "@" + environment;
    }
}
