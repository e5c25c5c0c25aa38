package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperationViewTest {

  @Test
  void the_fields_the_demo_shows_are_read_from_the_api_json() {
    OperationView op =
        Operations.op(
            "computeChecksum",
            "coffee.png",
            "FAILED",
            "\"errorInfo\":{\"errorClass\":\"X\",\"message\":\"disk full\",\"attempt\":1}");

    assertThat(op.id()).isEqualTo("0190a1b2-0000-7000-8000-000000000001");
    assertThat(op.triggerFunction()).isEqualTo("computeChecksum");
    assertThat(op.sourcePath()).isEqualTo("input/coffee.png");
    assertThat(op.status()).isEqualTo("FAILED");
    assertThat(op.retryCounter()).isEqualTo(1);
    assertThat(op.created()).isEqualTo(Instant.parse("2025-12-04T15:30:00Z"));
    assertThat(op.errorMessage()).isEqualTo("disk full");
    assertThat(op.duration()).contains(Duration.ofMillis(1250));
  }

  @Test
  void timestamps_with_an_offset_are_understood() {
    OperationView op =
        OperationView.from(
            Operations.JSON.readTree(
                "{\"created\":\"2025-12-04T16:30:00+01:00\","
                    + "\"updated\":\"2025-12-04T15:30:00.5Z\"}"));

    assertThat(op.duration()).contains(Duration.ofMillis(500));
  }

  @Test
  void success_failed_and_cancelled_are_terminal_and_the_others_are_not() {
    for (String status : new String[] {"SUCCESS", "FAILED", "CANCELLED"}) {
      assertThat(Operations.op("f", "a.png", status, "").isTerminal()).as(status).isTrue();
    }
    for (String status : new String[] {"PENDING", "QUEUED", "PROCESSING", "WAIT"}) {
      assertThat(Operations.op("f", "a.png", status, "").isTerminal()).as(status).isFalse();
    }
  }

  @Test
  void missing_fields_leave_nulls_and_no_duration() {
    OperationView op = OperationView.from(Operations.JSON.readTree("{\"id\":\"x\"}"));

    assertThat(op.status()).isNull();
    assertThat(op.isTerminal()).isFalse();
    assertThat(op.errorMessage()).isNull();
    assertThat(op.duration()).isEmpty();
  }
}
