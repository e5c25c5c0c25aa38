package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsframework.worker.config.WorkerProperties;

class PodSpecTest {

  @Test
  void every_container_is_probed_on_the_actuator_liveness_and_readiness_groups() {
    Manifests manifests = Chart.render();

    assertThat(manifests.ofKind("Deployment")).hasSize(3);
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> container = Manifests.container(deployment);
      assertThat(YamlTree.string(container, "livenessProbe.httpGet.path"))
          .isEqualTo("/actuator/health/liveness");
      assertThat(YamlTree.string(container, "readinessProbe.httpGet.path"))
          .isEqualTo("/actuator/health/readiness");
      assertThat(YamlTree.string(container, "startupProbe.httpGet.path"))
          .isEqualTo("/actuator/health/liveness");
      assertThat(YamlTree.string(container, "readinessProbe.httpGet.port")).isEqualTo("http");
    }
  }

  @Test
  void every_pod_runs_as_non_root_on_a_read_only_root_file_system_with_a_writable_tmp() {
    Manifests manifests = Chart.render();

    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> pod = YamlTree.map(deployment, "spec.template.spec");
      Map<String, Object> container = Manifests.container(deployment);
      assertThat(YamlTree.at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(YamlTree.at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(YamlTree.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
      assertThat(YamlTree.at(container, "securityContext.allowPrivilegeEscalation"))
          .isEqualTo(false);
      assertThat(volumeOf(pod, mountAt(container, "/tmp"))).containsKey("emptyDir");
    }
  }

  @Test
  void workers_get_longer_to_terminate_than_their_grace_period() {
    Manifests manifests = Chart.render();

    for (Map<String, Object> deployment : manifests.workerDeployments()) {
      WorkerProperties worker =
          (WorkerProperties) Application.WORKER.bind(manifests.environment(deployment).variables());
      Duration shutdownPhase =
          Application.WORKER
              .binder(manifests.environment(deployment).variables())
              .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
              .get();
      int terminationSeconds =
          (Integer) YamlTree.at(deployment, "spec.template.spec.terminationGracePeriodSeconds");
      assertThat(Duration.ofSeconds(terminationSeconds))
          .isGreaterThan(worker.execution().gracePeriod())
          .isGreaterThan(shutdownPhase);
    }
  }

  @Test
  void a_termination_grace_period_no_longer_than_the_worker_grace_period_is_refused() {
    assertThat(Chart.refusal(Chart.values("configuration.worker.gracePeriod", "2m")))
        .contains("worker.terminationGracePeriodSeconds (90) must be longer than")
        .contains("configuration.worker.gracePeriod (120 s)");
    assertThat(
            Chart.refusal(
                Chart.values(
                    "worker.terminationGracePeriodSeconds", 30,
                    "configuration.worker.gracePeriod", 30000)))
        .contains("configuration.worker.gracePeriod (30 s)");
  }

  @Test
  void the_storage_root_is_one_read_write_many_claim_mounted_in_the_scheduler_and_every_worker() {
    Manifests manifests = Chart.render();

    Map<String, Object> claim = manifests.ofKind("PersistentVolumeClaim").get(0);
    assertThat(manifests.ofKind("PersistentVolumeClaim")).hasSize(1);
    assertThat(YamlTree.list(claim, "spec.accessModes")).containsExactly("ReadWriteMany");
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> pod = YamlTree.map(deployment, "spec.template.spec");
      Map<String, Object> storage =
          volumeOf(pod, mountAt(Manifests.container(deployment), "/srv/storage"));
      assertThat(YamlTree.string(storage, "persistentVolumeClaim.claimName"))
          .isEqualTo(Manifests.nameOf(claim));
    }
    for (Map<String, Object> deployment : manifests.workerDeployments()) {
      assertThat(manifests.environment(deployment).get("OPERATIONS_STORAGE_ROOT"))
          .isEqualTo("/srv/storage");
    }
  }

  @Test
  void an_existing_claim_is_mounted_instead_of_a_new_one() {
    Manifests manifests = Chart.render(Chart.values("storage.existingClaim", "shared-assets"));

    assertThat(manifests.ofKind("PersistentVolumeClaim")).isEmpty();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      assertThat(YamlTree.list(deployment, "spec.template.spec.volumes"))
          .anySatisfy(
              volume ->
                  assertThat(YamlTree.string(volume, "persistentVolumeClaim.claimName"))
                      .isEqualTo("shared-assets"));
    }
  }

  private static String mountAt(Map<String, Object> container, String path) {
    List<Object> mounts = YamlTree.list(container, "volumeMounts");
    return mounts.stream()
        .filter(mount -> path.equals(YamlTree.string(mount, "mountPath")))
        .map(mount -> YamlTree.string(mount, "name"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mounted at " + path + ": " + mounts));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> volumeOf(Map<String, Object> pod, String name) {
    return (Map<String, Object>)
        YamlTree.list(pod, "volumes").stream()
            .filter(volume -> name.equals(YamlTree.string(volume, "name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume " + name));
  }
}
