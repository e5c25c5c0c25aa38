package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Inputs that hang or crash workers use up their attempts and end FAILED with a reason; they never
 * loop forever and never block other operations.
 */
class PoisonTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static Operations ops;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("poison");
    ops =
        new Operations(
            platform.api(platform.startScheduler("operations.dispatch.execution-timeout=1s")));
    platform.startWorker("steady", "sleep,noop", 2, storage);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void an_operation_that_hangs_times_out_on_every_attempt_and_ends_failed() {
    UUID hung = ops.submit("sleep", Map.of("millis", 600_000), Map.of("maxRetries", 2));
    ops.awaitStatus(hung, "PROCESSING");

    UUID other = ops.submit("noop", Map.of());
    assertThat(ops.awaitStatus(other, "SUCCESS").get("retryCounter").asInt()).isEqualTo(1);

    JsonNode op = ops.awaitStatus(hung, "FAILED");
    assertThat(op.get("retryCounter").asInt()).isEqualTo(2);
    assertThat(op.get("errorInfo").get("message").asString()).startsWith("timed out");
    assertThat(op.get("errorInfo").get("retryable").asBoolean()).isTrue();
  }

  @Test
  void an_operation_that_kills_every_worker_is_dead_lettered_and_ends_failed() throws Exception {
    UUID poison = ops.submit("haltWorker", Map.of(), Map.of("maxRetries", 1));

    // Each worker takes the message and dies; the pool queue gives up after its delivery limit
    // (1 redelivery here), and the scheduler counts that as the attempt failing.
    int crashes = 0;
    while (!ops.get(poison).get("status").asString().equals("FAILED")) {
      assertThat(crashes).as("workers killed before the operation failed").isLessThan(4);
      Process worker =
          platform.launchWorkerProcess(
              "poison",
              "haltWorker",
              storage,
              storage.resolve("poison-" + crashes + ".log"),
              "operations.messaging.delivery-limit=1");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> !worker.isAlive() || ops.get(poison).get("status").asString().equals("FAILED"));
      if (!worker.isAlive()) {
        assertThat(worker.exitValue()).isEqualTo(3);
        crashes++;
      } else {
        worker.destroyForcibly();
        worker.waitFor(10, TimeUnit.SECONDS);
      }
    }

    JsonNode op = ops.get(poison);
    assertThat(crashes).isEqualTo(2);
    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").get("errorClass").asString()).isEqualTo("DeliveryLimitExceeded");
    assertThat(op.get("errorInfo").get("message").asString())
        .startsWith("the pool queue gave up on it after repeated deliveries without an outcome")
        .endsWith("the workers running it crashed or were killed");
  }
}
