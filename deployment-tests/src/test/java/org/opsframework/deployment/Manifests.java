package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes objects one rendering of the chart produced. */
final class Manifests {

  static final String COMPONENT = "app.kubernetes.io/component";
  static final String POOL = "operations.opsframework.org/pool";

  private final List<Map<String, Object>> objects;

  private Manifests(List<Map<String, Object>> objects) {
    this.objects = objects;
  }

  @SuppressWarnings("unchecked")
  static Manifests parse(String renderedYaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(renderedYaml)) {
      if (document != null) {
        objects.add((Map<String, Object>) document);
      }
    }
    return new Manifests(objects);
  }

  List<Map<String, Object>> all() {
    return objects;
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
  }

  Map<String, Object> named(String kind, String name) {
    List<Map<String, Object>> matching =
        ofKind(kind).stream().filter(object -> name.equals(nameOf(object))).toList();
    assertThat(matching).as("%s %s", kind, name).hasSize(1);
    return matching.get(0);
  }

  static String nameOf(Map<String, Object> object) {
    return YamlTree.string(object, "metadata.name");
  }

  Map<String, Object> schedulerDeployment() {
    List<Map<String, Object>> schedulers =
        ofKind("Deployment").stream()
            .filter(deployment -> "scheduler".equals(label(deployment, COMPONENT)))
            .toList();
    assertThat(schedulers).as("scheduler Deployments").hasSize(1);
    return schedulers.get(0);
  }

  List<Map<String, Object>> workerDeployments() {
    return ofKind("Deployment").stream()
        .filter(deployment -> "worker".equals(label(deployment, COMPONENT)))
        .toList();
  }

  Map<String, Object> workerDeployment(String pool) {
    List<Map<String, Object>> workers =
        workerDeployments().stream()
            .filter(deployment -> pool.equals(label(deployment, POOL)))
            .toList();
    assertThat(workers).as("worker Deployments of pool %s", pool).hasSize(1);
    return workers.get(0);
  }

  /** The Deployments that run the pods this selector picks. */
  List<Map<String, Object>> deploymentsSelectedBy(Map<String, Object> matchLabels) {
    return ofKind("Deployment").stream()
        .filter(
            deployment ->
                YamlTree.map(deployment, "spec.template.metadata.labels")
                    .entrySet()
                    .containsAll(matchLabels.entrySet()))
        .toList();
  }

  static String label(Map<String, Object> object, String label) {
    return Objects.toString(YamlTree.map(object, "metadata.labels").get(label), null);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> container(Map<String, Object> deployment) {
    List<Object> containers = YamlTree.list(deployment, "spec.template.spec.containers");
    assertThat(containers).as("containers of %s", nameOf(deployment)).hasSize(1);
    return (Map<String, Object>) containers.get(0);
  }

  ContainerEnvironment environment(Map<String, Object> deployment) {
    return new ContainerEnvironment(container(deployment), this);
  }
}
