package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Expiry rescue: an operation whose only worker was killed is retried after its expiry; a long
 * operation whose worker keeps touching it is left alone; the late outcome of a rescued attempt is
 * ignored.
 */
class ExpiredOperationTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static ConfigurableApplicationContext scheduler;
  static Operations ops;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("expiry");
    scheduler =
        platform.startScheduler(
            "operations.heartbeat.expired-operations.interval=250ms",
            "operations.heartbeat.expired-operations.processing-expiry=3s");
    ops = new Operations(platform.api(scheduler));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void an_operation_whose_worker_was_killed_is_rescued_and_its_late_outcome_ignored()
      throws Exception {
    Process doomed =
        platform.startWorkerProcess("expiring", "sleep", storage, storage.resolve("doomed.log"));
    UUID id = ops.submit("sleep", Map.of("millis", 2500), Map.of("maxRetries", 3));
    ops.awaitStatus(id, "PROCESSING");
    doomed.destroyForcibly();
    doomed.waitFor(10, TimeUnit.SECONDS);

    // No worker is left to take the redelivered message, so only expiry can move it on.
    JsonNode rescued =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ops.get(id), op -> op.get("retryCounter").asInt() == 2);
    assertThat(rescued.get("errorInfo").get("errorClass").asString()).isEqualTo("expired");
    assertThat(rescued.get("errorInfo").get("attempt").asInt()).isEqualTo(1);
    assertThat(rescued.get("errorInfo").get("worker").asString()).endsWith(":" + doomed.pid());

    double ignoredBefore = ignoredSuccesses();
    Process survivor =
        platform.startWorkerProcess("expiring", "sleep", storage, storage.resolve("survivor.log"));
    JsonNode done = ops.awaitStatus(id, "SUCCESS");
    assertThat(done.get("retryCounter").asInt()).isEqualTo(2);
    assertThat(done.get("result").get("attempt").asInt()).isEqualTo(2);
    // The survivor also ran the redelivered message of attempt 1; its SUCCESS changed nothing.
    await().atMost(Duration.ofSeconds(30)).until(() -> ignoredSuccesses() > ignoredBefore);
    assertThat(ops.get(id).get("result").get("attempt").asInt()).isEqualTo(2);
    survivor.destroyForcibly();
  }

  @Test
  void a_long_operation_that_keeps_touching_is_not_rescued() {
    platform.startWorker("touching", "sleep", 1, storage);

    UUID id = ops.submit("sleep", Map.of("millis", 7000));
    JsonNode op = ops.awaitStatus(id, "SUCCESS");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").isNull()).isTrue();
    assertThat(op.get("result").get("slept").asLong()).isEqualTo(7000);
  }

  private static double ignoredSuccesses() {
    return scheduler
        .getBean(MeterRegistry.class)
        .find("operations.outcomes")
        .tag("type", "SUCCESS")
        .tag("applied", "false")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
