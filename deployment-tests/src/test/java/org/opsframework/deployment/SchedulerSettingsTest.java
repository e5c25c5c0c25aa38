package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.springframework.boot.context.properties.bind.Bindable;

class SchedulerSettingsTest {

  private static final String DAM = "configuration.digitalAssetManagement.";

  @Test
  void a_failed_operation_threshold_of_48_hours_reaches_the_scheduler_as_its_operator_variable() {
    Manifests manifests = Chart.render(Chart.values(DAM + "failedOperationThresholdTimeHours", 48));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables())
        .contains(entry("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "48"));
    assertThat(heartbeat(scheduler).failedOperations().thresholdTimeHours()).isEqualTo(48);
  }

  @Test
  void the_four_operator_settings_reach_the_scheduler_under_their_operator_names() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                DAM + "pollFailedOperationsInterval", "2h",
                DAM + "failedOperationThresholdTimeHours", 12,
                DAM + "failedOperationThresholdLimitRecords", 500,
                DAM + "operationWaitInterval", 60000));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables())
        .contains(
            entry("POLL_FAILED_OPERATIONS_INTERVAL", "2h"),
            entry("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "12"),
            entry("FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS", "500"),
            entry("OPERATION_WAIT_INTERVAL", "60000"));
    SchedulerProperties.Heartbeat heartbeat = heartbeat(scheduler);
    assertThat(heartbeat.failedOperations().interval()).isEqualTo(Duration.ofHours(2));
    assertThat(heartbeat.failedOperations().thresholdTimeHours()).isEqualTo(12);
    assertThat(heartbeat.failedOperations().thresholdLimitRecords()).isEqualTo(500);
    assertThat(heartbeat.waiting().waitInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void the_thresholds_in_values_yaml_are_the_applications_defaults() {
    Map<String, Object> values = Chart.defaultValues();
    Map<String, BoundProperties.Property> bound = BoundProperties.of(Application.SCHEDULER);

    assertThat(YamlTree.at(values, DAM + "failedOperationThresholdTimeHours"))
        .hasToString(defaultOf(bound, "threshold-time-hours"))
        .hasToString("24");
    assertThat(YamlTree.at(values, DAM + "failedOperationThresholdLimitRecords"))
        .hasToString(defaultOf(bound, "threshold-limit-records"))
        .hasToString("20000");
  }

  @Test
  void the_default_values_give_the_scheduler_exactly_its_own_defaults() {
    Manifests manifests = Chart.render();
    Map<String, String> rendered =
        manifests.environment(manifests.schedulerDeployment()).variables();

    SchedulerProperties deployed = (SchedulerProperties) Application.SCHEDULER.bind(rendered);
    SchedulerProperties own = (SchedulerProperties) Application.SCHEDULER.bind(Map.of());

    assertThat(deployed).usingRecursiveComparison().ignoringFields("api.token").isEqualTo(own);
    assertThat(rendered)
        .containsKeys("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "OPERATIONS_DISPATCH_BATCHSIZE");
  }

  @Test
  void a_setting_left_empty_is_not_rendered_so_the_application_default_applies() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                DAM + "dispatchBatchSize",
                null,
                DAM + "failedOperationThresholdTimeHours",
                null,
                DAM + "apiMaxInputSize",
                "",
                DAM + "triggerFunctions",
                List.of()));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables())
        .doesNotContainKeys(
            "OPERATIONS_DISPATCH_BATCHSIZE",
            "FAILED_OPERATION_THRESHOLD_TIME_HOURS",
            "OPERATIONS_API_MAXINPUTSIZE",
            "OPERATIONS_TRIGGERFUNCTIONS")
        .containsKey("OPERATIONS_DISPATCH_POLLINTERVAL");
  }

  @Test
  void false_and_zero_are_settings_not_empty_values() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                DAM + "heartbeatEnabled", false, DAM + "failedOperationThresholdTimeHours", 0));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables())
        .contains(
            entry("OPERATIONS_HEARTBEAT_ENABLED", "false"),
            entry("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "0"));
  }

  @Test
  void a_large_number_is_rendered_as_an_integer_not_in_exponent_form() {
    Manifests manifests =
        Chart.render(Chart.values(DAM + "failedOperationThresholdLimitRecords", 5_000_000));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.get("FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS")).isEqualTo("5000000");
  }

  @Test
  void per_function_processing_expiries_keep_the_case_of_the_function_names() {
    Manifests manifests =
        Chart.render(
            Chart.values(
                DAM + "expiredOperationsProcessingExpiryByFunction",
                Map.of("generateRendition", "10m", "extractMetadata", 300000)));

    ContainerEnvironment scheduler = manifests.environment(manifests.schedulerDeployment());
    assertThat(scheduler.variables()).containsKey("SPRING_APPLICATION_JSON");
    assertThat(
            Application.SCHEDULER
                .binder(scheduler.variables())
                .bind(
                    "operations.heartbeat.expired-operations.processing-expiry-by-function",
                    Bindable.mapOf(String.class, Duration.class))
                .get())
        .containsOnly(
            entry("generateRendition", Duration.ofMinutes(10)),
            entry("extractMetadata", Duration.ofMinutes(5)));
  }

  @Test
  void no_per_function_expiry_means_no_application_json() {
    Manifests manifests = Chart.render();

    assertThat(manifests.environment(manifests.schedulerDeployment()).variables())
        .doesNotContainKey("SPRING_APPLICATION_JSON");
  }

  private static SchedulerProperties.Heartbeat heartbeat(ContainerEnvironment scheduler) {
    return ((SchedulerProperties) Application.SCHEDULER.bind(scheduler.variables())).heartbeat();
  }

  private static String defaultOf(Map<String, BoundProperties.Property> bound, String leaf) {
    String property = "operations.heartbeat.failed-operations." + leaf;
    assertThat(bound).containsKey(property);
    return String.join(",", bound.get(property).defaultValue());
  }
}
