package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CredentialsTest {

  private static final Map<String, Object> CREDENTIALS =
      Chart.values(
          "credentials.apiToken", "token-7f3a9c2e51d04b8e",
          "credentials.database.username", "ops-db-user",
          "credentials.database.password", "db-secret-91b2",
          "credentials.rabbitmq.username", "ops-mq-user",
          "credentials.rabbitmq.password", "mq-secret-c4d8");

  /** Variable → Secret key, per container. */
  private static final Map<String, String> SCHEDULER_CREDENTIALS =
      Map.of(
          "OPERATIONS_API_TOKEN", "api-token",
          "DATABASE_USER", "database-username",
          "DATABASE_PASSWORD", "database-password",
          "RABBITMQ_USERNAME", "rabbitmq-username",
          "RABBITMQ_PASSWORD", "rabbitmq-password");

  private static final Map<String, String> WORKER_CREDENTIALS =
      Map.of("RABBITMQ_USERNAME", "rabbitmq-username", "RABBITMQ_PASSWORD", "rabbitmq-password");

  @Test
  void every_credential_reaches_its_container_through_a_secret_key_reference() {
    Manifests manifests = Chart.render(CREDENTIALS);
    String secret = Manifests.nameOf(manifests.ofKind("Secret").get(0));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    SCHEDULER_CREDENTIALS.forEach(
        (variable, key) -> assertSecretReference(scheduler, variable, secret, key));
    assertThat(scheduler.variables())
        .contains(
            entry("OPERATIONS_API_TOKEN", "token-7f3a9c2e51d04b8e"),
            entry("DATABASE_USER", "ops-db-user"),
            entry("DATABASE_PASSWORD", "db-secret-91b2"),
            entry("RABBITMQ_USERNAME", "ops-mq-user"),
            entry("RABBITMQ_PASSWORD", "mq-secret-c4d8"));
    for (Map<String, Object> deployment : manifests.workerDeployments()) {
      ContainerEnvironment worker = manifests.environment(deployment);
      WORKER_CREDENTIALS.forEach(
          (variable, key) -> assertSecretReference(worker, variable, secret, key));
      assertThat(worker.variables())
          .contains(entry("RABBITMQ_PASSWORD", "mq-secret-c4d8"))
          .doesNotContainKeys("OPERATIONS_API_TOKEN", "DATABASE_PASSWORD");
    }
  }

  @Test
  void no_credential_appears_in_any_config_map_or_other_object_but_the_secret() {
    Manifests manifests = Chart.render(CREDENTIALS);

    List<String> secrets =
        List.of("token-7f3a9c2e51d04b8e", "db-secret-91b2", "mq-secret-c4d8", "ops-mq-user");
    assertThat(manifests.ofKind("ConfigMap")).isNotEmpty();
    for (Map<String, Object> object : manifests.all()) {
      if (!"Secret".equals(object.get("kind"))) {
        String text = new Yaml().dump(object);
        assertThat(secrets)
            .as("%s %s", object.get("kind"), Manifests.nameOf(object))
            .noneMatch(text::contains);
      }
    }
  }

  @Test
  void an_empty_credential_is_left_out_of_the_secret_so_the_application_default_applies() {
    Manifests manifests =
        Chart.render(Chart.values("credentials.apiToken", "token-7f3a9c2e51d04b8e"));

    String secret = Manifests.nameOf(manifests.ofKind("Secret").get(0));
    assertThat(Secrets.decoded(manifests, secret)).containsOnlyKeys("api-token");
    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables()).doesNotContainKeys("DATABASE_PASSWORD", "RABBITMQ_PASSWORD");
    assertThat(scheduler.entry("DATABASE_PASSWORD"))
        .as("an optional reference, so the missing key leaves the variable unset")
        .satisfies(
            entry ->
                assertThat(YamlTree.at(entry, "valueFrom.secretKeyRef.optional")).isEqualTo(true));
  }

  @Test
  void an_existing_secret_replaces_the_charts_own() {
    Map<String, Object> images = Chart.defaultPool(0);
    YamlTree.put(images, "keda.enabled", true);
    Manifests manifests =
        Chart.render(
            Chart.values(
                "credentials.existingSecret", "ops-credentials",
                "credentials.apiToken", "ignored-because-existing",
                "configuration.rabbitmq.host", "broker",
                "pools", List.of(images)));

    assertThat(manifests.ofKind("Secret")).isEmpty();
    Map<String, Object> scheduler = Manifests.container(manifests.schedulerDeployment());
    Map<String, Object> worker = Manifests.container(manifests.workerDeployment("images"));
    assertThat(secretNames(scheduler))
        .hasSize(SCHEDULER_CREDENTIALS.size())
        .containsOnly("ops-credentials");
    assertThat(secretNames(worker))
        .hasSize(WORKER_CREDENTIALS.size())
        .containsOnly("ops-credentials");
    assertThat(
            YamlTree.list(manifests.ofKind("TriggerAuthentication").get(0), "spec.secretTargetRef"))
        .singleElement()
        .satisfies(
            reference ->
                assertThat(YamlTree.string(reference, "name")).isEqualTo("ops-credentials"));
    assertThat(YamlTree.map(manifests.schedulerDeployment(), "spec.template.metadata.annotations"))
        .doesNotContainKey("checksum/secret");
  }

  private static void assertSecretReference(
      ContainerEnvironment container, String variable, String secret, String key) {
    Map<String, Object> entry = container.entry(variable);
    assertThat(entry).as(variable).isNotNull().doesNotContainKey("value");
    assertThat(YamlTree.string(entry, "valueFrom.secretKeyRef.name"))
        .as(variable)
        .isEqualTo(secret);
    assertThat(YamlTree.string(entry, "valueFrom.secretKeyRef.key")).as(variable).isEqualTo(key);
  }

  private static List<String> secretNames(Map<String, Object> container) {
    return YamlTree.list(container, "env").stream()
        .map(entry -> YamlTree.string(entry, "valueFrom.secretKeyRef.name"))
        .filter(name -> name != null)
        .toList();
  }
}
