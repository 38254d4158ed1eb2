package dev.lightdevops.worker.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's revisions, as its ReplicaSets keep them: each holds the pod template of one revision
 * ({@code deployment.kubernetes.io/revision}), as many as {@code revisionHistoryLimit} keeps. Rolling back to a
 * version means restoring the newest earlier revision whose container runs that version's image.
 */
final class RevisionHistory {

    static final String REVISION = "deployment.kubernetes.io/revision";

    private RevisionHistory() {
    }

    static long revisionOf(HasMetadata object) {
        String revision = object.getMetadata().getAnnotations() == null ? null
                : object.getMetadata().getAnnotations().get(REVISION);
        try {
            return revision == null ? -1 : Long.parseLong(revision);
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    /** The newest revision other than the Deployment's current one whose {@code container} runs {@code version}. */
    static Optional<ReplicaSet> newestWith(List<ReplicaSet> replicaSets, Deployment deployment, String container,
            String version) {
        long current = revisionOf(deployment);
        return replicaSets.stream()
                .filter(replicaSet -> revisionOf(replicaSet) >= 0 && revisionOf(replicaSet) != current)
                .filter(replicaSet -> imageOf(replicaSet.getSpec().getTemplate(), container)
                        .map(image -> version.equals(ImageReference.parse(image).tag())).orElse(false))
                .max(Comparator.comparingLong(RevisionHistory::revisionOf));
    }

    static Optional<String> imageOf(PodTemplateSpec template, String container) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return Optional.empty();
        }
        return template.getSpec().getContainers().stream().filter(c -> container.equals(c.getName()))
                .map(Container::getImage).findFirst();
    }
}
