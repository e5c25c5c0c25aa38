package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

  @Test
  void health_is_up_only_for_200_with_status_up() {
    assertThat(HealthProbe.isUp(200, "{\"status\":\"UP\",\"components\":{}}", Operations.JSON))
        .isTrue();
    assertThat(HealthProbe.isUp(503, "{\"status\":\"DOWN\"}", Operations.JSON)).isFalse();
    assertThat(HealthProbe.isUp(200, "{\"status\":\"DOWN\"}", Operations.JSON)).isFalse();
    assertThat(HealthProbe.isUp(200, "<html>", Operations.JSON)).isFalse();
    assertThat(HealthProbe.isUp(200, null, Operations.JSON)).isFalse();
  }

  @Test
  void a_problem_shows_its_detail_or_else_its_title_or_else_the_body() {
    assertThat(
            OperationsClient.problemDetail(
                "{\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"unknown trigger function 'nope'\"}",
                Operations.JSON))
        .isEqualTo("unknown trigger function 'nope'");
    assertThat(OperationsClient.problemDetail("{\"title\":\"Unauthorized\"}", Operations.JSON))
        .isEqualTo("Unauthorized");
    assertThat(OperationsClient.problemDetail("Bad Gateway", Operations.JSON))
        .isEqualTo("Bad Gateway");
    assertThat(OperationsClient.problemDetail("", Operations.JSON)).isEqualTo("(empty body)");
  }

  @Test
  void status_counts_list_non_zero_statuses_in_lifecycle_order() {
    StatusCounts counts =
        StatusCounts.of(
            List.of(
                Operations.op("f", "a.png", "SUCCESS", ""),
                Operations.op("f", "b.png", "QUEUED", ""),
                Operations.op("f", "c.png", "SUCCESS", ""),
                Operations.op("f", "d.png", "FAILED", "")));

    assertThat(counts).hasToString("QUEUED 1, SUCCESS 2, FAILED 1");
    assertThat(counts.total()).isEqualTo(4);
    assertThat(counts.count("SUCCESS")).isEqualTo(2);
    assertThat(StatusCounts.of(List.of())).hasToString("none");
  }

  @Test
  void the_environment_defaults_to_the_loopback_address_and_standard_ports() {
    DemoEnvironment env = DemoEnvironment.fromEnv(Map.of());

    assertThat(env)
        .isEqualTo(new DemoEnvironment("127.0.0.1", 5432, "postgres", "", "127.0.0.1", 5672));
    assertThat(env.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
  }

  @Test
  void a_port_variable_that_is_not_a_port_is_a_usage_error() {
    assertThatThrownBy(() -> DemoEnvironment.fromEnv(Map.of("DEMO_RABBIT_PORT", "70000")))
        .isInstanceOf(DemoFailure.class)
        .hasMessage("DEMO_RABBIT_PORT must be a port number (1-65535), got '70000'");
  }
}
