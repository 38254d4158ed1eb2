package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The changes a deploy or rollback makes to a Deployment, each one patch that also records why in the
 * {@code kubernetes.io/change-cause} annotation (which {@code kubectl rollout history} shows per revision). Setting
 * the image is a JSON patch of the one container, guarded by a test of its name so that a container list reordered
 * meanwhile is refused rather than patched in the wrong place; restoring a revision replaces the whole pod template
 * with the old ReplicaSet's, minus its {@code pod-template-hash} label, as {@code kubectl rollout undo} does.
 */
final class DeploymentPatches {

    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private final KubernetesSerialization json;

    DeploymentPatches(KubernetesSerialization json) {
        this.json = json;
    }

    /** One patch: how it applies, its body, and what it does for messages. */
    record Patch(PatchType type, String body, String describe) {
        PatchContext context() {
            return PatchContext.of(type);
        }
    }

    Patch setImage(Deployment deployment, int container, String name, String image, String cause) {
        String at = "/spec/template/spec/containers/" + container;
        List<Object> operations = new ArrayList<>(List.of(
                Map.of("op", "test", "path", at + "/name", "value", name),
                Map.of("op", "replace", "path", at + "/image", "value", image)));
        operations.add(annotate(deployment, cause));
        return new Patch(PatchType.JSON, json.asJson(operations), "set the image of container " + name + " to "
                + image);
    }

    Patch restoreTemplate(Deployment deployment, PodTemplateSpec template, String revision, String cause) {
        PodTemplateSpec restored = json.clone(template);
        if (restored.getMetadata() != null && restored.getMetadata().getLabels() != null) {
            restored.getMetadata().getLabels().remove(POD_TEMPLATE_HASH);
        }
        List<Object> operations = List.of(
                Map.of("op", "replace", "path", "/spec/template", "value", restored),
                annotate(deployment, cause));
        return new Patch(PatchType.JSON, json.asJson(operations), "restore the pod template of revision " + revision);
    }

    /** The configured patch with its placeholders filled in; JSON or YAML, sent as JSON. */
    Patch configured(Deployment deployment, ConfiguredPatch patch, Map<String, String> values, String cause) {
        String rendered = patch.render(values);
        String body;
        if (patch.patchType() == PatchType.JSON) {
            List<Object> operations = new ArrayList<>(json.unmarshal(rendered, new TypeReference<List<Object>>() {
            }));
            operations.add(annotate(deployment, cause));
            body = json.asJson(operations);
        } else {
            Map<String, Object> merged = new LinkedHashMap<>(json.unmarshal(rendered,
                    new TypeReference<Map<String, Object>>() {
                    }));
            Map<String, Object> metadata = new LinkedHashMap<>(asMap(merged.get("metadata")));
            Map<String, Object> annotations = new LinkedHashMap<>(asMap(metadata.get("annotations")));
            annotations.put(CHANGE_CAUSE, cause);
            metadata.put("annotations", annotations);
            merged.put("metadata", metadata);
            body = json.asJson(merged);
        }
        return new Patch(patch.patchType(), body, "apply the configured " + patch.type() + " patch");
    }

    /**
     * Adds (or replaces) the change cause and nothing else. A Deployment without annotations has no map to add a key
     * to, so it gets one holding just the cause.
     */
    private static Map<String, Object> annotate(Deployment deployment, String cause) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        if (annotations == null || annotations.isEmpty()) {
            return Map.of("op", "add", "path", "/metadata/annotations", "value", Map.of(CHANGE_CAUSE, cause));
        }
        return Map.of("op", "add", "path", "/metadata/annotations/" + CHANGE_CAUSE.replace("~", "~0")
                .replace("/", "~1"), "value", cause);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
