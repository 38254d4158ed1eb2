package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * API objects as the API server returns them ({@code kubectl get -o json}), from {@code src/test/resources/kubernetes}.
 */
final class ApiObjects {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ApiObjects() {
    }

    static Deployment deployment(String name) {
        return JSON.unmarshal(read(name), Deployment.class);
    }

    static List<Pod> pods(String name) {
        return items(name, Pod.class);
    }

    static List<Event> events(String name) {
        return items(name, Event.class);
    }

    private static <T> List<T> items(String name, Class<T> type) {
        Map<String, Object> list = JSON.unmarshal(read(name), new TypeReference<Map<String, Object>>() {
        });
        return ((List<?>) list.get("items")).stream().map(item -> JSON.convertValue(item, type)).toList();
    }

    private static String read(String name) {
        try (InputStream in = ApiObjects.class.getResourceAsStream("/kubernetes/" + name + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
