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

/** Workers as real processes: killed with SIGKILL mid-operation, or stopped with SIGTERM. */
class WorkerCrashTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static Operations ops;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("workercrash");
    ops = new Operations(platform.api(platform.startScheduler()));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void an_operation_survives_its_worker_being_killed_with_sigkill() throws Exception {
    Process doomed =
        platform.startWorkerProcess("crash", "sleep", storage, storage.resolve("doomed.log"));
    UUID id = ops.submit("sleep", Map.of("millis", 3000));
    JsonNode running = ops.awaitStatus(id, "PROCESSING");
    assertThat(running.get("workerId").asString()).endsWith(":" + doomed.pid());

    doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no ack, no outcome
    assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(doomed.exitValue()).isEqualTo(137);
    Process survivor =
        platform.startWorkerProcess("crash", "sleep", storage, storage.resolve("survivor.log"));

    JsonNode done = ops.awaitStatus(id, "SUCCESS");
    // The broker redelivered the same attempt to the new worker.
    assertThat(done.get("workerId").asString()).endsWith(":" + survivor.pid());
    assertThat(done.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(done.get("result").get("slept").asLong()).isEqualTo(3000);
    survivor.destroyForcibly();
    survivor.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void a_worker_stopped_with_sigterm_finishes_its_operation_before_exiting() throws Exception {
    Process worker =
        platform.startWorkerProcess("graceful", "sleep", storage, storage.resolve("graceful.log"));
    UUID id = ops.submit("sleep", Map.of("millis", 2000));
    ops.awaitStatus(id, "PROCESSING");

    worker.destroy(); // SIGTERM

    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("worker exits within grace").isTrue();
    JsonNode op = ops.get(id);
    assertThat(op.get("status").asString()).isEqualTo("SUCCESS");
    assertThat(op.get("workerId").asString()).endsWith(":" + worker.pid());
    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> platform.consumers("graceful") == 0);
  }
}
