package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmChartTest {

  @Test
  void the_chart_passes_helm_lint_in_strict_mode() {
    LintResult result = Chart.lint();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void the_scheduler_service_sends_traffic_to_the_scheduler_pods_http_port() {
    Manifests manifests = Chart.render();

    Map<String, Object> service = manifests.ofKind("Service").get(0);
    assertThat(manifests.ofKind("Service")).hasSize(1);
    assertThat(manifests.deploymentsSelectedBy(YamlTree.map(service, "spec.selector")))
        .containsExactly(manifests.schedulerDeployment());
    assertThat(YamlTree.list(service, "spec.ports"))
        .singleElement()
        .satisfies(port -> assertThat(YamlTree.string(port, "targetPort")).isEqualTo("http"));
    assertThat(YamlTree.list(Manifests.container(manifests.schedulerDeployment()), "ports"))
        .singleElement()
        .satisfies(
            port -> {
              assertThat(YamlTree.string(port, "name")).isEqualTo("http");
              assertThat(YamlTree.at(port, "containerPort")).isEqualTo(8080);
            });
  }

  @Test
  void every_deployment_has_a_pod_disruption_budget_that_selects_only_its_pods() {
    Manifests manifests = Chart.render();

    List<Map<String, Object>> budgets = manifests.ofKind("PodDisruptionBudget");
    assertThat(budgets).hasSize(manifests.ofKind("Deployment").size()).hasSize(3);
    assertThat(
            budgets.stream()
                .map(
                    budget ->
                        manifests.deploymentsSelectedBy(
                            YamlTree.map(budget, "spec.selector.matchLabels")))
                .toList())
        .allSatisfy(selected -> assertThat(selected).hasSize(1))
        .extracting(selected -> selected.get(0))
        .containsExactlyInAnyOrderElementsOf(manifests.ofKind("Deployment"));
  }

  @Test
  void pod_disruption_budgets_can_be_turned_off() {
    Manifests manifests = Chart.render(Chart.values("podDisruptionBudget.enabled", false));

    assertThat(manifests.ofKind("PodDisruptionBudget")).isEmpty();
  }

  @Test
  void a_budget_takes_min_available_instead_of_max_unavailable_but_not_both() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                "podDisruptionBudget.maxUnavailable", null, "podDisruptionBudget.minAvailable", 1));

    assertThat(manifests.ofKind("PodDisruptionBudget"))
        .allSatisfy(
            budget ->
                assertThat(YamlTree.map(budget, "spec"))
                    .containsEntry("minAvailable", 1)
                    .doesNotContainKey("maxUnavailable"));
    assertThat(Chart.refusal(Chart.values("podDisruptionBudget.minAvailable", 1)))
        .contains("/podDisruptionBudget");
  }

  @Test
  void the_broker_consumer_timeout_comes_as_a_config_snippet_and_an_optional_policy() {
    Manifests plain = Chart.render();
    Manifests withPolicy =
        Chart.render(
            Chart.values(
                "broker.policy.enabled", true,
                "broker.policy.clusterName", "rabbitmq",
                "configuration.digitalAssetManagement.messagingPrefix", "dam.ops"));

    assertThat(plain.ofKind("Policy")).isEmpty();
    assertThat(
            YamlTree.string(
                plain.named("ConfigMap", "ops-operations-framework-rabbitmq-conf"), "data"))
        .contains("consumer_timeout = 3600000");
    Map<String, Object> policy = withPolicy.ofKind("Policy").get(0);
    assertThat(YamlTree.string(policy, "spec.pattern")).isEqualTo("^dam\\.ops\\.");
    assertThat(YamlTree.at(policy, "spec.definition.consumer-timeout")).isEqualTo(3600000);
    assertThat(YamlTree.string(policy, "spec.rabbitmqClusterReference.name")).isEqualTo("rabbitmq");
  }
}
