package org.opsframework.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The Helm chart under helm/, rendered and linted by the Helm library itself. */
final class Chart {

  static final Path DIRECTORY = RepositoryFiles.path("helm");
  static final String RELEASE = "ops";
  static final String NAMESPACE = "operations";

  private Chart() {}

  /** The chart's own values.yaml. */
  static Map<String, Object> defaultValues() {
    return RepositoryFiles.yaml("helm/values.yaml");
  }

  /** A copy of one of the pool entries of values.yaml, to change and pass back as a value. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> defaultPool(int index) {
    return YamlTree.copy((Map<String, Object>) YamlTree.list(defaultValues(), "pools").get(index));
  }

  /**
   * Values to pass on top of values.yaml, from pairs of a dotted path and a value: {@code
   * values("scheduler.replicas", 2)}. A null value removes the chart's default.
   */
  static Map<String, Object> values(Object... pathsAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      YamlTree.put(values, (String) pathsAndValues[i], pathsAndValues[i + 1]);
    }
    return values;
  }

  static Manifests render() {
    return render(Map.of());
  }

  /** Renders as {@code helm template}, with the values written to a values file. */
  static Manifests render(Map<String, Object> values) {
    return render(RELEASE, values);
  }

  /** Renders as {@code helm template} under another release name. */
  static Manifests render(String release, Map<String, Object> values) {
    Path file = valuesFile(values);
    try {
      String output =
          new Helm(DIRECTORY)
              .template()
              .withName(release)
              .withNamespace(NAMESPACE)
              .withValuesFile(file)
              .call();
      return Manifests.parse(output);
    } finally {
      delete(file);
    }
  }

  /** The error Helm gives for values it refuses (schema or template check). */
  static String refusal(Map<String, Object> values) {
    return refusal(RELEASE, values);
  }

  /** The error Helm gives for values it refuses under another release name. */
  static String refusal(String release, Map<String, Object> values) {
    try {
      render(release, values);
    } catch (IllegalStateException refused) {
      return refused.getMessage();
    }
    throw new AssertionError(
        "Helm rendered the chart as release "
            + release
            + " with "
            + values
            + "; expected a refusal");
  }

  /** Whether Helm renders the chart with these values rather than refusing them. */
  static boolean accepts(Map<String, Object> values) {
    try {
      render(values);
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  static LintResult lint() {
    return new Helm(DIRECTORY).lint().strict().call();
  }

  private static Path valuesFile(Map<String, Object> values) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      Files.writeString(file, new Yaml(options).dump(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
