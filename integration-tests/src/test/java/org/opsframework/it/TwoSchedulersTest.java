package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.it.ApiClient.Response;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two scheduler replicas share one database: every operation is published by exactly one of them
 * and runs exactly once.
 */
class TwoSchedulersTest {

  static final int OPERATIONS = 2000;

  @TempDir static Path storage;
  static TestPlatform platform;
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("twoschedulers");
    // Small batches so both replicas take turns claiming.
    first = platform.startScheduler("operations.dispatch.batch-size=20");
    second = platform.startScheduler("operations.dispatch.batch-size=20");
    platform.startWorker("counting", "countingNoop", 8, storage);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void each_operation_is_published_once_and_completed_once() {
    List<UUID> ids = new ArrayList<>();
    // Half the work is submitted through each replica; both dispatch all of it.
    ids.addAll(submit(platform.api(first), OPERATIONS / 2));
    ids.addAll(submit(platform.api(second), OPERATIONS / 2));

    await("all operations succeed")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> countWithStatus("SUCCESS") == OPERATIONS);

    Set<UUID> ran = new HashSet<>();
    for (UUID id : ids) {
      AtomicInteger runs = TestFunctions.EXECUTIONS.get(id);
      assertThat(runs).as("executions of %s", id).isNotNull();
      assertThat(runs.get()).as("executions of %s", id).isEqualTo(1);
      ran.add(id);
    }
    assertThat(ran).hasSize(OPERATIONS);
    assertThat(published(first) + published(second)).isEqualTo(OPERATIONS);
    assertThat(published(first)).as("first replica published some").isPositive();
    assertThat(published(second)).as("second replica published some").isPositive();
    long attempts =
        platform.jdbc().sql("SELECT sum(retry_counter) FROM operation").query(Long.class).single();
    assertThat(attempts).isEqualTo(OPERATIONS);
  }

  private static List<UUID> submit(ApiClient api, int count) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(Map.of("triggerFunction", "countingNoop", "inputs", Map.of("i", i)));
    }
    Response response = api.post("/api/v1/operations/batch", Map.of("operations", batch));
    assertThat(response.status()).isEqualTo(201);
    List<UUID> ids = new ArrayList<>();
    for (JsonNode op : response.body().get("operations")) {
      ids.add(UUID.fromString(op.get("id").asString()));
    }
    return ids;
  }

  private static long countWithStatus(String status) {
    return platform
        .jdbc()
        .sql("SELECT count(*) FROM operation WHERE status = :status")
        .param("status", status)
        .query(Long.class)
        .single();
  }

  private static long published(ConfigurableApplicationContext scheduler) {
    return (long)
        scheduler.getBean(MeterRegistry.class).counter("operations.dispatch.published").count();
  }
}
