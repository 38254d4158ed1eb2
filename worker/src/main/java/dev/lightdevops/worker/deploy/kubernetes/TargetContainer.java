package dev.lightdevops.worker.deploy.kubernetes;

import dev.lightdevops.worker.deploy.DeployFailedException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * The container of a Deployment's pod template whose image carries the version: the configured one, else the one
 * named like the service, else the only one. Its position is kept for the JSON patch that sets its image.
 */
record TargetContainer(int index, String name, ImageReference image) {

    static TargetContainer of(Deployment deployment, DeploymentRef ref) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        List<String> names = containers.stream().map(Container::getName).toList();
        String wanted = ref.container() != null ? ref.container() : names.contains(ref.service()) ? ref.service()
                : names.size() == 1 ? names.get(0) : null;
        int index = wanted == null ? -1 : names.indexOf(wanted);
        if (index < 0) {
            throw new DeployFailedException("container_not_found", ref.describe() + " has the containers "
                    + String.join(", ", names) + (ref.container() != null ? ", none named " + ref.container()
                    : ", none named like the service " + ref.service()) + "; name the one carrying the version "
                    + "(devops.deploy.kubernetes.targets: container)", "validate", false, false);
        }
        return new TargetContainer(index, wanted, ImageReference.parse(containers.get(index).getImage()));
    }

    /** The image this container runs once {@code version} is deployed: same repository, the version as tag. */
    String imageFor(String version, DeploymentRef ref) {
        if (!ImageReference.isValidTag(version)) {
            throw new DeployFailedException("invalid_image_tag", "version " + version + " cannot be the image tag of "
                    + name + " in " + ref.describe() + ": a tag is at most 128 letters, digits, '_', '.' and '-' and "
                    + "does not start with '.' or '-'", "validate", false, false);
        }
        return image.withTag(version).toString();
    }
}
