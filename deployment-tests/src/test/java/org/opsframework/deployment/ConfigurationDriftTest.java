package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opsframework.deployment.ConfigurationTable.Row;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds the README's configuration table, the applications and the Helm chart together: the table
 * lists exactly the properties the applications bind, each with a variable that sets it and a Helm
 * value that exists and reaches the right containers, and values.yaml has no setting the table does
 * not list.
 */
class ConfigurationDriftTest {

  private static final String README = "README.md";

  private static List<Row> table;
  private static Map<String, Object> values;

  @BeforeAll
  static void read() {
    table = ConfigurationTable.read(RepositoryFiles.read(README));
    values = Chart.defaultValues();
  }

  @Test
  void the_table_lists_exactly_the_operations_properties_the_applications_bind() {
    Set<String> bound = new TreeSet<>();
    for (Application application : Application.values()) {
      bound.addAll(BoundProperties.of(application).keySet());
    }

    Set<String> listed =
        table.stream()
            .map(Row::property)
            .filter(property -> property.startsWith("operations."))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(listed).isEqualTo(bound);
  }

  @Test
  void every_helm_value_in_the_table_exists_in_values_yaml() {
    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      if (row.isPoolField()) {
        softly
            .assertThat(YamlTree.list(values, "pools"))
            .as("pool entries with the field %s", row.poolField())
            .isNotEmpty()
            .allSatisfy(pool -> assertThat(YamlTree.has(pool, row.poolField())).isTrue());
      } else {
        softly.assertThat(YamlTree.has(values, row.helmValue())).as(row.helmValue()).isTrue();
      }
    }
    softly.assertAll();
  }

  @Test
  void every_setting_under_configuration_in_values_yaml_is_in_the_table() {
    List<String> leaves = new ArrayList<>();
    collectLeaves("configuration", YamlTree.map(values, "configuration"), leaves);

    assertThat(table.stream().map(Row::helmValue).toList()).containsAll(leaves);
  }

  @Test
  void every_variable_in_the_table_sets_its_property_in_the_applications_that_bind_it() {
    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      SettingSample sample = sample(row);
      Map<String, String> variables = Map.of(row.variable(), variableText(row, sample.helmValue()));
      for (Application application : targets(row)) {
        softly
            .assertThat(bind(application, variables, row, sample))
            .as("%s=%s in the %s", row.variable(), variables.get(row.variable()), application)
            .isEqualTo(sample.expected());
      }
    }
    softly.assertAll();
  }

  @Test
  void each_helm_value_reaches_its_containers_as_the_variable_in_the_table() {
    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      SettingSample sample = sample(row);
      Manifests manifests = Chart.render(valuesSetting(row, sample.helmValue()));
      for (Application application : targets(row)) {
        for (Map<String, Object> deployment : deploymentsOf(manifests, application)) {
          ContainerEnvironment container = manifests.environment(deployment);
          String where = row.helmValue() + " in " + Manifests.nameOf(deployment);
          softly.assertThat(container.variables()).as(where).containsKey(row.variable());
          softly
              .assertThat(bind(application, container.variables(), row, sample))
              .as(where)
              .isEqualTo(sample.expected());
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void every_default_in_the_table_is_the_applications_default() {
    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      if (row.defaultValue() == null) {
        continue;
      }
      for (Application application : targets(row)) {
        softly
            .assertThat(row.defaultValue())
            .as("default of %s in the %s", row.property(), application)
            .isEqualTo(applicationDefault(application, row.property()));
      }
    }
    softly.assertAll();
  }

  @Test
  void every_setting_values_yaml_sets_under_configuration_is_the_applications_default() {
    SoftAssertions softly = new SoftAssertions();
    for (Row row : table) {
      Object value = YamlTree.at(values, row.helmValue());
      if (!row.helmValue().startsWith("configuration.") || isEmpty(value)) {
        continue;
      }
      SettingSample sample = sample(row);
      Map<String, String> variables = Map.of(row.variable(), variableText(row, value));
      for (Application application : targets(row)) {
        softly
            .assertThat(effective(application, variables, row, sample))
            .as("%s: %s in values.yaml, for the %s", row.helmValue(), value, application)
            .isEqualTo(effective(application, Map.of(), row, sample));
      }
    }
    softly.assertAll();
  }

  /**
   * Every duration setting in the table: the chart refuses a zero duration exactly where an
   * application refuses it at start-up, refuses a negative one everywhere, and accepts the positive
   * forms.
   */
  @Test
  void the_chart_refuses_a_zero_duration_exactly_where_the_applications_do() {
    SoftAssertions softly = new SoftAssertions();
    int durations = 0;
    for (Row row : table) {
      if (row.isPoolField()
          || !row.helmValue().startsWith("configuration.")
          || !(sample(row).expected() instanceof Duration)) {
        continue;
      }
      durations++;
      for (Object zero : List.of(0, "0", "0s", "PT0S")) {
        boolean applicationsAccept =
            targets(row).stream()
                .allMatch(
                    application ->
                        starts(application, Map.of(row.variable(), variableText(row, zero)), row));
        softly
            .assertThat(Chart.accepts(Chart.values(row.helmValue(), zero)))
            .as(
                "chart accepts %s: %s, which the applications %s",
                row.helmValue(), zero, applicationsAccept ? "accept" : "refuse")
            .isEqualTo(applicationsAccept);
      }
      for (Object negative : List.of(-1, "-1s")) {
        softly
            .assertThat(Chart.accepts(Chart.values(row.helmValue(), negative)))
            .as("%s: %s", row.helmValue(), negative)
            .isFalse();
      }
      for (Object positive : List.of(1, "5000", "5s", "PT5S")) {
        softly
            .assertThat(Chart.accepts(Chart.values(row.helmValue(), positive)))
            .as("%s: %s", row.helmValue(), positive)
            .isTrue();
      }
    }
    assertThat(durations).as("duration settings in the table").isGreaterThan(15);
    softly.assertAll();
  }

  /** Whether an application takes these variables: binding its settings throws nothing. */
  private static boolean starts(Application application, Map<String, String> variables, Row row) {
    try {
      if (row.property().startsWith("operations.")) {
        application.bind(variables);
      } else {
        application.binder(variables).bind(row.property(), Duration.class);
      }
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  /**
   * The applications a row's setting reaches: those whose properties record or application.yml has
   * the property, narrowed by where the Helm value lives when both have it (server.port).
   */
  private static Set<Application> targets(Row row) {
    Set<Application> targets = EnumSet.noneOf(Application.class);
    for (Application application : Application.values()) {
      if (BoundProperties.of(application).containsKey(row.property())
          || applicationYmlKeys(application).contains(row.property())) {
        targets.add(application);
      }
    }
    String helm = row.helmValue();
    if (helm.startsWith("scheduler.")) {
      targets.retainAll(Set.of(Application.SCHEDULER));
    }
    if (helm.startsWith("worker.")
        || row.isPoolField()
        || helm.startsWith("configuration.worker.")) {
      targets.retainAll(Set.of(Application.WORKER));
    }
    assertThat(targets).as("applications that read %s", row.property()).isNotEmpty();
    return targets;
  }

  private static SettingSample sample(Row row) {
    for (Application application : Application.values()) {
      BoundProperties.Property property = BoundProperties.of(application).get(row.property());
      if (property != null) {
        String defaultValue =
            property.defaultValue() == null ? null : String.join(",", property.defaultValue());
        return SettingSample.of(property.type(), defaultValue);
      }
    }
    return SettingSample.ofSpringProperty(row.property());
  }

  private static Object bind(
      Application application, Map<String, String> variables, Row row, SettingSample sample) {
    return application.binder(variables).bind(row.property(), sample.bindable()).orElse(null);
  }

  /** What the application ends up with, its own defaults included. */
  private static Object effective(
      Application application, Map<String, String> variables, Row row, SettingSample sample) {
    if (row.property().startsWith("operations.")) {
      return BoundProperties.valueOf(application.bind(variables), row.property());
    }
    return bind(application, variables, row, sample);
  }

  private static String applicationDefault(Application application, String property) {
    BoundProperties.Property bound = BoundProperties.of(application).get(property);
    if (bound != null) {
      return bound.defaultValue() == null ? null : String.join(",", bound.defaultValue());
    }
    return application.binder(Map.of()).bind(property, String.class).orElse(null);
  }

  /** A setting's value as its environment variable carries it. */
  private static String variableText(Row row, Object value) {
    if ("SPRING_APPLICATION_JSON".equals(row.variable())) {
      return JsonMapper.builder().build().writeValueAsString(Map.of(row.property(), value));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }

  private static Map<String, Object> valuesSetting(Row row, Object value) {
    if (!row.isPoolField()) {
      return Chart.values(row.helmValue(), value);
    }
    Map<String, Object> pool = Chart.defaultPool(0);
    pool.put(row.poolField(), value);
    return Chart.values("pools", List.of(pool));
  }

  private static List<Map<String, Object>> deploymentsOf(
      Manifests manifests, Application application) {
    return application == Application.SCHEDULER
        ? List.of(manifests.schedulerDeployment())
        : manifests.workerDeployments();
  }

  private static Set<String> applicationYmlKeys(Application application) {
    Map<String, Object> flat = new HashMap<>();
    flatten("", RepositoryFiles.yaml(application.applicationYml()), flat);
    return flat.keySet();
  }

  private static void flatten(String prefix, Map<?, ?> tree, Map<String, Object> into) {
    tree.forEach(
        (key, value) -> {
          String name = prefix + key;
          if (value instanceof Map<?, ?> map) {
            flatten(name + ".", map, into);
          } else {
            into.put(name, value);
          }
        });
  }

  private static void collectLeaves(String path, Map<String, Object> tree, List<String> into) {
    new LinkedHashMap<>(tree)
        .forEach(
            (key, value) -> {
              if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) map;
                collectLeaves(path + "." + key, child, into);
              } else {
                into.add(path + "." + key);
              }
            });
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || "".equals(value)
        || value instanceof List<?> list && list.isEmpty()
        || value instanceof Map<?, ?> map && map.isEmpty();
  }
}
