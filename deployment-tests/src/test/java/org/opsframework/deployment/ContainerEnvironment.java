package org.opsframework.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a container would see, as Kubernetes builds it: every key of the
 * ConfigMaps in {@code envFrom}, then the {@code env} entries, which win; values from ConfigMap and
 * Secret key references are looked up in the same rendering. A reference to a missing optional key
 * sets nothing, as in a pod.
 */
final class ContainerEnvironment {

  private final Map<String, Object> container;
  private final Manifests manifests;
  private final Map<String, String> variables = new LinkedHashMap<>();

  ContainerEnvironment(Map<String, Object> container, Manifests manifests) {
    this.container = container;
    this.manifests = manifests;
    for (Object source : YamlTree.list(container, "envFrom")) {
      String configMap = YamlTree.string(source, "configMapRef.name");
      YamlTree.map(manifests.named("ConfigMap", configMap), "data")
          .forEach((name, value) -> variables.put(name, value.toString()));
    }
    for (Object entry : YamlTree.list(container, "env")) {
      String name = YamlTree.string(entry, "name");
      String value = resolve(entry);
      if (value != null) {
        variables.put(name, value);
      }
    }
  }

  /** Every variable the container gets, by name. */
  Map<String, String> variables() {
    return variables;
  }

  String get(String name) {
    return variables.get(name);
  }

  /** The container's own {@code env} entry of that name, or null when it has none. */
  @SuppressWarnings("unchecked")
  Map<String, Object> entry(String name) {
    for (Object entry : YamlTree.list(container, "env")) {
      if (name.equals(YamlTree.string(entry, "name"))) {
        return (Map<String, Object>) entry;
      }
    }
    return null;
  }

  private String resolve(Object entry) {
    if (YamlTree.has(entry, "value")) {
      return YamlTree.string(entry, "value");
    }
    if (YamlTree.at(entry, "valueFrom.secretKeyRef") != null) {
      return Secrets.decoded(manifests, YamlTree.string(entry, "valueFrom.secretKeyRef.name"))
          .get(YamlTree.string(entry, "valueFrom.secretKeyRef.key"));
    }
    if (YamlTree.at(entry, "valueFrom.configMapKeyRef") != null) {
      Map<String, Object> configMap =
          manifests.named("ConfigMap", YamlTree.string(entry, "valueFrom.configMapKeyRef.name"));
      Object value =
          YamlTree.map(configMap, "data")
              .get(YamlTree.string(entry, "valueFrom.configMapKeyRef.key"));
      return value == null ? null : value.toString();
    }
    throw new AssertionError("env entry with neither a value nor a reference: " + entry);
  }
}
