package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.worker.deploy.kubernetes.RolloutDiagnosis.Stuck;
import dev.lightdevops.worker.deploy.kubernetes.RolloutStatus.Complete;
import dev.lightdevops.worker.deploy.kubernetes.RolloutStatus.Failed;
import dev.lightdevops.worker.deploy.kubernetes.RolloutStatus.Waiting;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout-status logic read against API objects in the shape the API server returns them. */
class RolloutStatusTest {

    @Test
    void aSpecChangeNotYetObservedByTheControllerIsWaitedOn() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-spec-not-observed"));

        assertThat(status).isInstanceOfSatisfying(Waiting.class, waiting -> {
            assertThat(waiting.phase()).isEqualTo("observing");
            assertThat(waiting.percent()).isZero();
            assertThat(waiting.message()).contains("generation 6, observed 5");
        });
    }

    @Test
    void replicasNotYetUpdatedAreCountedAsKubectlCountsThem() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-updating"));

        assertThat(status).isInstanceOfSatisfying(Waiting.class, waiting -> {
            assertThat(waiting.phase()).isEqualTo("updating");
            assertThat(waiting.message()).startsWith("Waiting for deployment \"checkout\" rollout to finish: "
                    + "1 out of 3 new replicas have been updated").contains("3 desired, 1 updated, 3 ready");
            assertThat(waiting.percent()).isEqualTo(16);
        });
    }

    @Test
    void oldReplicasPendingTerminationKeepTheRolloutWaiting() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-old-replicas-pending-termination"));

        assertThat(status).isInstanceOfSatisfying(Waiting.class, waiting -> {
            assertThat(waiting.phase()).isEqualTo("terminating_old");
            assertThat(waiting.message()).contains("1 old replicas are pending termination");
            assertThat(waiting.percent()).isEqualTo(99);
        });
    }

    @Test
    void updatedReplicasNotYetAvailableKeepTheRolloutWaiting() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-updated-replicas-becoming-available"));

        assertThat(status).isInstanceOfSatisfying(Waiting.class, waiting -> {
            assertThat(waiting.phase()).isEqualTo("becoming_available");
            assertThat(waiting.message()).contains("2 of 3 updated replicas are available");
        });
    }

    @Test
    void everyReplicaUpdatedAndAvailableIsARolloutComplete() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-rolled-out"));

        assertThat(status).isInstanceOfSatisfying(Complete.class, complete ->
                assertThat(complete.message()).startsWith("deployment \"checkout\" successfully rolled out"));
    }

    @Test
    void progressDeadlineExceededIsTheClustersVerdictOfAFailedRollout() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-progress-deadline-exceeded"));

        assertThat(status).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo("progress_deadline_exceeded");
            assertThat(failed.message()).contains("exceeded its progress deadline")
                    .contains("ReplicaSet \"checkout-59c4d8b7f6\" has timed out progressing.");
        });
    }

    @Test
    void aPausedDeploymentIsReportedInsteadOfWaitedOn() {
        RolloutStatus status = RolloutStatus.of(ApiObjects.deployment("deployment-paused"));

        assertThat(status).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo("deployment_paused");
            assertThat(failed.message()).contains("kubectl rollout resume deployment/checkout");
        });
    }

    @Test
    void anExceededQuotaIsReadFromTheReplicaFailureCondition() {
        Optional<Stuck> stuck = RolloutDiagnosis.of(ApiObjects.deployment("deployment-quota-exceeded"), List.of(),
                "checkout", "registry.example.com/shop/checkout:1.5.0");

        assertThat(stuck).hasValueSatisfying(signal -> {
            assertThat(signal.code()).isEqualTo("quota_exceeded");
            assertThat(signal.message()).contains("exceeded quota: compute-resources")
                    .contains("limited: limits.memory=2Gi");
        });
    }

    @Test
    void anImagePullBackOffOfANewPodIsAStuckRollout() {
        Optional<Stuck> stuck = RolloutDiagnosis.of(ApiObjects.deployment("deployment-updating"),
                ApiObjects.pods("pods-image-pull-back-off"), "checkout", "registry.example.com/shop/checkout:1.5.0");

        assertThat(stuck).hasValueSatisfying(signal -> {
            assertThat(signal.code()).isEqualTo("image_pull_failed");
            assertThat(signal.pod()).isEqualTo("checkout-7f9d8c6b4a-q7wz5");
            assertThat(signal.message()).contains("ImagePullBackOff").contains("checkout:1.5.0");
        });
    }

    @Test
    void podsOfTheOldTemplateSayNothingAboutTheNewOne() {
        Optional<Stuck> stuck = RolloutDiagnosis.of(ApiObjects.deployment("deployment-updating"),
                ApiObjects.pods("pods-image-pull-back-off"), "checkout", "registry.example.com/shop/checkout:9.9.9");

        assertThat(stuck).isEmpty();
    }

    @Test
    void theKubeletsOwnReasonForAFailedPullIsPreferredOverTheBareBackOff() {
        Optional<String> reason = RolloutDiagnosis.newestFailure(ApiObjects.events("events-image-pull-failed"),
                "checkout-7f9d8c6b4a-q7wz5");

        assertThat(reason).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Failed to pull image \"registry.example.com/shop/checkout:1.5.0\"").endsWith("not found"));
    }
}
