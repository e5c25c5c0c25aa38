package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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
  void an_api_token_shorter_than_the_scheduler_accepts_is_rejected() {
    assertThat(Chart.refusal(Chart.values("credentials.apiToken", "short")))
        .contains("/credentials/apiToken");
  }
}
