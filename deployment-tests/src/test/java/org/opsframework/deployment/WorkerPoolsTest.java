package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsframework.common.messaging.Topology;
import org.opsframework.worker.config.WorkerProperties;
import org.springframework.boot.context.properties.bind.Bindable;

class WorkerPoolsTest {

  @Test
  void two_pools_give_two_worker_deployments_with_their_own_replicas_functions_and_queues() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                "configuration.digitalAssetManagement.messagingPrefix",
                "assets",
                "pools",
                List.of(
                    pool("thumbs", 3, List.of("generateThumbnail"), 2),
                    pool("checks", 1, List.of("computeChecksum", "extractMetadata"), 8))));

    assertThat(manifests.workerDeployments()).hasSize(2);
    WorkerProperties thumbs = bind(manifests, "thumbs");
    WorkerProperties checks = bind(manifests, "checks");
    assertThat(YamlTree.at(manifests.workerDeployment("thumbs"), "spec.replicas")).isEqualTo(3);
    assertThat(YamlTree.at(manifests.workerDeployment("checks"), "spec.replicas")).isEqualTo(1);
    assertThat(thumbs.pool())
        .isEqualTo(new WorkerProperties.Pool("thumbs", 2, 1, List.of("generateThumbnail")));
    assertThat(checks.pool())
        .isEqualTo(
            new WorkerProperties.Pool(
                "checks", 8, 1, List.of("computeChecksum", "extractMetadata")));
    assertThat(queueOf(thumbs)).isEqualTo("assets.thumbs");
    assertThat(queueOf(checks)).isEqualTo("assets.checks");
  }

  @Test
  void adding_a_pool_is_adding_an_entry_to_the_values() {
    List<Object> pools = new ArrayList<>(YamlTree.list(Chart.defaultValues(), "pools"));
    pools.add(pool("video", 2, List.of("transcode"), 1));

    Manifests manifests = Chart.render(Chart.values("pools", pools));

    assertThat(manifests.workerDeployments()).hasSize(3);
    assertThat(manifests.ofKind("PodDisruptionBudget")).hasSize(4);
    assertThat(bind(manifests, "video").pool().functions()).containsExactly("transcode");
  }

  @Test
  void the_default_values_give_every_worker_its_own_defaults_apart_from_pool_and_storage() {
    Manifests manifests = Chart.render();

    for (Map<String, Object> deployment : manifests.workerDeployments()) {
      Map<String, String> rendered = manifests.environment(deployment).variables();
      WorkerProperties deployed = (WorkerProperties) Application.WORKER.bind(rendered);
      WorkerProperties own = (WorkerProperties) Application.WORKER.bind(Map.of());

      assertThat(deployed)
          .usingRecursiveComparison()
          .ignoringFields("pool.name", "pool.functions", "storage.root")
          .isEqualTo(own);
      assertThat(shutdownPhase(rendered)).isEqualTo(shutdownPhase(Map.of()));
      assertThat(deployed.storage().root()).isEqualTo(Path.of("/srv/storage"));
    }
  }

  @Test
  void the_default_pools_are_images_and_metadata() {
    Manifests manifests = Chart.render();

    assertThat(bind(manifests, "images").pool().functions())
        .containsExactly("generateThumbnail", "generateRendition");
    assertThat(bind(manifests, "metadata").pool().functions())
        .containsExactly("extractMetadata", "computeChecksum");
  }

  @Test
  void keda_objects_appear_only_for_pools_that_enable_them() {
    assertThat(Chart.render().ofKind("ScaledObject")).isEmpty();
    assertThat(Chart.render().ofKind("TriggerAuthentication")).isEmpty();

    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "keda.enabled", true);
    Manifests manifests =
        Chart.render(
            Chart.values(
                "configuration.rabbitmq.host",
                "broker",
                "pools",
                List.of(images, Chart.defaultPool(1))));

    Map<String, Object> scaled = manifests.ofKind("ScaledObject").get(0);
    assertThat(manifests.ofKind("ScaledObject")).hasSize(1);
    assertThat(manifests.ofKind("TriggerAuthentication")).hasSize(1);
    assertThat(YamlTree.string(scaled, "spec.scaleTargetRef.name"))
        .isEqualTo(Manifests.nameOf(manifests.workerDeployment("images")));
    assertThat(YamlTree.list(scaled, "spec.triggers"))
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(YamlTree.string(trigger, "type")).isEqualTo("rabbitmq");
              assertThat(YamlTree.string(trigger, "metadata.mode")).isEqualTo("QueueLength");
              assertThat(YamlTree.string(trigger, "metadata.queueName"))
                  .isEqualTo(queueOf(bind(manifests, "images")))
                  .isEqualTo("operations.images");
              assertThat(YamlTree.string(trigger, "metadata.value")).isEqualTo("20");
            });
    assertThat(YamlTree.has(manifests.workerDeployment("images"), "spec.replicas"))
        .as("KEDA owns the replica count")
        .isFalse();
    assertThat(YamlTree.at(manifests.workerDeployment("metadata"), "spec.replicas")).isEqualTo(1);
  }

  @Test
  void the_keda_trigger_reaches_the_broker_through_the_secret() {
    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "keda.enabled", true);
    Manifests manifests =
        Chart.render(
            Chart.values(
                "configuration.rabbitmq.host", "broker.messaging",
                "credentials.rabbitmq.username", "ops",
                "credentials.rabbitmq.password", "p@ss word",
                "pools", List.of(images)));

    Map<String, Object> authentication = manifests.ofKind("TriggerAuthentication").get(0);
    assertThat(YamlTree.list(authentication, "spec.secretTargetRef"))
        .singleElement()
        .satisfies(
            reference -> {
              assertThat(YamlTree.string(reference, "parameter")).isEqualTo("host");
              assertThat(YamlTree.string(reference, "key")).isEqualTo("rabbitmq-amqp-url");
              assertThat(
                      Secrets.decoded(manifests, YamlTree.string(reference, "name"))
                          .get("rabbitmq-amqp-url"))
                  .isEqualTo("amqp://ops:p%40ss%20word@broker.messaging:5672/%2F");
            });
  }

  @Test
  void horizontal_pod_autoscalers_appear_only_for_pools_that_enable_them() {
    assertThat(Chart.render().ofKind("HorizontalPodAutoscaler")).isEmpty();

    Map<String, Object> metadata = Chart.defaultPool(1);
    YamlTree.put(metadata, "autoscaling.enabled", true);
    Manifests manifests =
        Chart.render(Chart.values("pools", List.of(Chart.defaultPool(0), metadata)));

    Map<String, Object> autoscaler = manifests.ofKind("HorizontalPodAutoscaler").get(0);
    assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(1);
    assertThat(YamlTree.string(autoscaler, "spec.scaleTargetRef.name"))
        .isEqualTo(Manifests.nameOf(manifests.workerDeployment("metadata")));
    assertThat(YamlTree.at(autoscaler, "spec.minReplicas")).isEqualTo(1);
    assertThat(YamlTree.at(autoscaler, "spec.maxReplicas")).isEqualTo(4);
    assertThat(YamlTree.has(manifests.workerDeployment("metadata"), "spec.replicas")).isFalse();
    assertThat(YamlTree.at(manifests.workerDeployment("images"), "spec.replicas")).isEqualTo(2);
  }

  @Test
  void a_pool_cannot_have_both_an_autoscaler_and_keda() {
    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "autoscaling.enabled", true);
    YamlTree.put(images, "keda.enabled", true);

    assertThat(
            Chart.refusal(
                Chart.values("configuration.rabbitmq.host", "broker", "pools", List.of(images))))
        .contains("pool images: enable autoscaling or keda, not both");
  }

  @Test
  void pools_whose_object_names_would_pass_63_characters_are_refused_rather_than_cut_short() {
    // Cut to 63 characters, both would be myrelease-operations-framework-worker-thumbnails-and-
    // renditions: one Deployment and one PodDisruptionBudget for two pools.
    Map<String, Object> values =
        Chart.values(
            "pools",
            List.of(
                pool("thumbnails-and-renditions-aaaa", 1, List.of("generateThumbnail"), 1),
                pool("thumbnails-and-renditions-bbbb", 1, List.of("generateRendition"), 1)));

    assertThat(Chart.refusal("myrelease", values))
        .contains("pool thumbnails-and-renditions-aaaa")
        .contains("myrelease-operations-framework-worker-thumbnails-and-renditions-aaaa")
        .contains("68 characters long")
        .contains("at most 63")
        .contains("pool name of at most 25 characters");
  }

  @Test
  void a_pool_name_that_fills_the_63_characters_exactly_keeps_its_whole_name() {
    String fullname = "x".repeat(25);
    String first = "thumbnails-and-renditions-aaaa";
    String second = "thumbnails-and-renditions-bbbb";
    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "autoscaling.enabled", true);
    images.put("name", first);
    Map<String, Object> other = Chart.defaultPool(1);
    YamlTree.put(other, "keda.enabled", true);
    other.put("name", second);

    Manifests manifests =
        Chart.render(
            Chart.values(
                "fullnameOverride",
                fullname,
                "configuration.rabbitmq.host",
                "broker",
                "pools",
                List.of(images, other)));

    for (String pool : List.of(first, second)) {
      String name = fullname + "-worker-" + pool;
      assertThat(name).hasSize(63);
      assertThat(Manifests.nameOf(manifests.workerDeployment(pool))).isEqualTo(name);
      assertThat(manifests.named("PodDisruptionBudget", name)).isNotNull();
    }
    assertThat(manifests.named("HorizontalPodAutoscaler", fullname + "-worker-" + first))
        .isNotNull();
    assertThat(manifests.named("ScaledObject", fullname + "-worker-" + second)).isNotNull();
    assertThat(
            Chart.refusal(
                Chart.values("fullnameOverride", fullname + "y", "pools", List.of(images))))
        .contains("pool " + first)
        .contains("64 characters long")
        .contains("pool name of at most 29 characters");
  }

  @Test
  void no_two_objects_of_one_kind_share_a_name() {
    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "keda.enabled", true);
    Map<String, Object> metadata = Chart.defaultPool(1);
    YamlTree.put(metadata, "autoscaling.enabled", true);
    Map<String, Object> longest = pool("a".repeat(29) + "b", 1, List.of("computeChecksum"), 1);
    Map<String, Object> longestButOne = pool("a".repeat(29) + "c", 1, List.of("noop"), 1);

    Manifests manifests =
        Chart.render(
            Chart.values(
                "configuration.rabbitmq.host",
                "broker",
                "broker.policy.enabled",
                true,
                "broker.policy.clusterName",
                "rabbitmq",
                "pools",
                List.of(images, metadata, longest, longestButOne)));

    List<String> kindsAndNames =
        manifests.all().stream()
            .map(object -> object.get("kind") + "/" + Manifests.nameOf(object))
            .toList();
    assertThat(kindsAndNames).doesNotHaveDuplicates();
    assertThat(manifests.workerDeployments()).hasSize(4);
  }

  @Test
  void a_pool_name_given_twice_is_refused() {
    Map<String, Object> again = Chart.defaultPool(1);
    again.put("name", "images");

    assertThat(Chart.refusal(Chart.values("pools", List.of(Chart.defaultPool(0), again))))
        .contains("pools: the name images is given to pools 0 and 1")
        .contains("each pool needs its own name");
  }

  private static Map<String, Object> pool(
      String name, int replicas, List<String> functions, int concurrency) {
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("name", name);
    pool.put("functions", functions);
    pool.put("replicas", replicas);
    pool.put("concurrency", concurrency);
    return pool;
  }

  private static WorkerProperties bind(Manifests manifests, String pool) {
    return (WorkerProperties)
        Application.WORKER.bind(
            manifests.environment(manifests.workerDeployment(pool)).variables());
  }

  private static String queueOf(WorkerProperties worker) {
    return new Topology(worker.messaging().prefix(), worker.messaging().deliveryLimit())
        .poolQueue(worker.pool().name());
  }

  private static Duration shutdownPhase(Map<String, String> variables) {
    return Application.WORKER
        .binder(variables)
        .bind("spring.lifecycle.timeout-per-shutdown-phase", Bindable.of(Duration.class))
        .get();
  }
}
