package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesSchemaTest {

  private static final String DAM = "configuration.digitalAssetManagement.";

  @Test
  void a_negative_failed_operation_threshold_is_rejected() {
    assertThat(Chart.refusal(Chart.values(DAM + "failedOperationThresholdTimeHours", -1)))
        .contains("failedOperationThresholdTimeHours")
        .contains("minimum");
    assertThat(Chart.refusal(Chart.values(DAM + "failedOperationThresholdLimitRecords", -5)))
        .contains("failedOperationThresholdLimitRecords")
        .contains("minimum");
  }

  @Test
  void a_string_for_replicas_is_rejected() {
    Map<String, Object> images = Chart.defaultPool(0);
    images.put("replicas", "two");

    assertThat(Chart.refusal(Chart.values("pools", List.of(images))))
        .contains("/pools/0/replicas")
        .contains("want integer");
    assertThat(Chart.refusal(Chart.values("scheduler.replicas", "one")))
        .contains("/scheduler/replicas");
  }

  @Test
  void a_wrong_type_for_a_setting_is_rejected() {
    assertThat(Chart.refusal(Chart.values(DAM + "dispatchBatchSize", "many")))
        .contains("dispatchBatchSize");
    assertThat(Chart.refusal(Chart.values(DAM + "heartbeatEnabled", "yes")))
        .contains("heartbeatEnabled");
    assertThat(Chart.refusal(Chart.values(DAM + "dispatchPollInterval", "soon")))
        .contains("dispatchPollInterval");
  }

  @Test
  void a_misspelt_setting_is_rejected_rather_than_ignored() {
    assertThat(Chart.refusal(Chart.values(DAM + "failedOperationThresholdTimeHour", 48)))
        .contains("failedOperationThresholdTimeHour");
  }

  @Test
  void a_pool_name_that_cannot_name_kubernetes_objects_is_rejected() {
    Map<String, Object> images = Chart.defaultPool(0);
    images.put("name", "Images_Pool");

    assertThat(Chart.refusal(Chart.values("pools", List.of(images)))).contains("/pools/0/name");
  }

  @Test
  void a_pool_name_must_be_a_dns_label_of_at_most_30_characters() {
    for (String name :
        List.of("images-", "-images", "1images", "images.png", "im_ages", "a".repeat(31), "")) {
      Map<String, Object> pool = Chart.defaultPool(0);
      pool.put("name", name);

      assertThat(Chart.refusal(Chart.values("pools", List.of(pool))))
          .as("pool name '%s'", name)
          .contains("/pools/0/name");
    }
    for (String name : List.of("a", "images", "images-2", "thumbnails-and-renditions-aaaa", "a1")) {
      Map<String, Object> pool = Chart.defaultPool(0);
      pool.put("name", name);

      assertThat(Chart.render(Chart.values("pools", List.of(pool))).workerDeployment(name))
          .as("pool name '%s'", name)
          .isNotNull();
    }
  }

  @Test
  void images_and_images_with_a_trailing_hyphen_cannot_both_be_pools() {
    Map<String, Object> trailing = Chart.defaultPool(1);
    trailing.put("name", "images-");

    assertThat(Chart.refusal(Chart.values("pools", List.of(Chart.defaultPool(0), trailing))))
        .contains("/pools/1/name");
  }

  @Test
  void failed_operation_thresholds_above_what_the_scheduler_accepts_are_rejected() {
    assertThat(Chart.refusal(Chart.values(DAM + "failedOperationThresholdTimeHours", 1_000_001)))
        .contains("failedOperationThresholdTimeHours")
        .contains("maximum");
    assertThat(
            Chart.refusal(
                Chart.values(DAM + "failedOperationThresholdLimitRecords", 1_000_000_001L)))
        .contains("failedOperationThresholdLimitRecords")
        .contains("maximum");

    Manifests largest =
        Chart.render(
            Chart.values(
                DAM + "failedOperationThresholdTimeHours",
                1_000_000,
                DAM + "failedOperationThresholdLimitRecords",
                1_000_000_000L));
    assertThat(largest.environment(largest.schedulerDeployment()).variables())
        .containsEntry("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "1000000")
        .containsEntry("FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS", "1000000000");
    Manifests smallest =
        Chart.render(
            Chart.values(
                DAM + "failedOperationThresholdTimeHours", 0,
                DAM + "failedOperationThresholdLimitRecords", 0));
    assertThat(smallest.environment(smallest.schedulerDeployment()).variables())
        .containsEntry("FAILED_OPERATION_THRESHOLD_TIME_HOURS", "0")
        .containsEntry("FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS", "0");
  }

  @Test
  void zero_or_negative_operator_intervals_are_rejected() {
    for (String setting : List.of("pollFailedOperationsInterval", "operationWaitInterval")) {
      for (Object zero : List.of(0, "0", "00", "0s", "0ms", "PT0S", "P0D", "PT0H0M", -1, "-5s")) {
        assertThat(Chart.refusal(Chart.values(DAM + setting, zero)))
            .as("%s: %s", setting, zero)
            .contains(setting);
      }
    }
  }

  @Test
  void the_usual_forms_of_the_operator_intervals_are_accepted() {
    Map<Object, String> forms = new LinkedHashMap<>();
    forms.put("1h", "1h");
    forms.put("30m", "30m");
    forms.put(120000, "120000");
    forms.put("120000", "120000");
    forms.put("PT30S", "PT30S");
    forms.put("10s", "10s");
    forms.put("1d", "1d");
    forms.put("500ms", "500ms");
    forms.put(1, "1");
    forms.put("PT0.5S", "PT0.5S");
    forms.forEach(
        (value, text) -> {
          Manifests manifests =
              Chart.render(
                  Chart.values(
                      DAM + "pollFailedOperationsInterval", value,
                      DAM + "operationWaitInterval", value));
          assertThat(manifests.environment(manifests.schedulerDeployment()).variables())
              .as("%s", value)
              .containsEntry("POLL_FAILED_OPERATIONS_INTERVAL", text)
              .containsEntry("OPERATION_WAIT_INTERVAL", text);
        });
  }

  @Test
  void a_zero_processing_expiry_for_one_function_is_rejected() {
    assertThat(
            Chart.refusal(
                Chart.values(
                    DAM + "expiredOperationsProcessingExpiryByFunction",
                    Map.of("generateRendition", "0s"))))
        .contains("expiredOperationsProcessingExpiryByFunction");
  }

  @Test
  void a_retention_max_age_of_zero_still_means_keep_everything() {
    for (Object zero : List.of(0, "0", "0s")) {
      Manifests manifests = Chart.render(Chart.values(DAM + "retentionMaxAge", zero));
      assertThat(manifests.environment(manifests.schedulerDeployment()).variables())
          .containsEntry("OPERATIONS_HEARTBEAT_RETENTION_MAXAGE", zero.toString());
    }
    assertThat(Chart.refusal(Chart.values(DAM + "retentionMaxAge", "-1d")))
        .contains("retentionMaxAge");
  }

  @Test
  void an_api_token_shorter_than_the_scheduler_accepts_is_rejected() {
    assertThat(Chart.refusal(Chart.values("credentials.apiToken", "short")))
        .contains("/credentials/apiToken");
  }
}
