package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.Topology;
import org.opsframework.it.ApiClient.Response;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The life of an operation through a real scheduler, worker, database and broker. */
class OperationLifecycleTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static ConfigurableApplicationContext scheduler;
  static ApiClient api;
  static Operations ops;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("lifecycle");
    scheduler = platform.startScheduler();
    platform.startWorker("tests", "flaky,alwaysFails,blockUntilReleased,sleep,noop", 4, storage);
    api = platform.api(scheduler);
    ops = new Operations(api);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void an_operation_runs_once_and_records_its_result() {
    UUID id = ops.submit("sleep", Map.of("millis", 10));

    JsonNode op = ops.awaitStatus(id, "SUCCESS");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("result").get("slept").asLong()).isEqualTo(10);
    assertThat(op.get("result").get("attempt").asInt()).isEqualTo(1);
    assertThat(op.get("workerId").asString()).startsWith("tests@");
    assertThat(op.get("started").isNull()).isFalse();
    assertThat(op.get("errorInfo").isNull()).isTrue();
  }

  @Test
  void a_failing_operation_is_retried_with_backoff_until_it_succeeds() {
    UUID id = ops.submit("flaky", Map.of("failures", 2), Map.of("maxRetries", 3));

    JsonNode op = ops.awaitStatus(id, "SUCCESS");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(3);
    assertThat(op.get("result").get("attempt").asInt()).isEqualTo(3);
    // The last error of the retries stays visible.
    assertThat(op.get("errorInfo").get("attempt").asInt()).isEqualTo(2);
    assertThat(op.get("errorInfo").get("message").asString())
        .isEqualTo("flaky failure on attempt 2");
  }

  @Test
  void an_operation_that_exhausts_its_retries_ends_failed_with_error_info() {
    UUID id = ops.submit("alwaysFails", Map.of(), Map.of("maxRetries", 2));

    JsonNode op = ops.awaitStatus(id, "FAILED");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(2);
    JsonNode error = op.get("errorInfo");
    assertThat(error.get("errorClass").asString())
        .isEqualTo("org.opsframework.common.OperationFailure");
    assertThat(error.get("message").asString()).isEqualTo("always fails, attempt 2");
    assertThat(error.get("attempt").asInt()).isEqualTo(2);
    assertThat(error.get("worker").asString()).startsWith("tests@");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(Instant.parse(error.get("time").asString())).isBefore(Instant.now());
  }

  @Test
  void a_permanent_failure_is_not_retried() {
    UUID id = ops.submit("sleep", Map.of("millis", -1), Map.of("maxRetries", 5));

    JsonNode op = ops.awaitStatus(id, "FAILED");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").get("retryable").asBoolean()).isFalse();
  }

  @Test
  void a_stale_outcome_from_an_old_attempt_is_ignored() throws Exception {
    UUID id = ops.submit("flaky", Map.of("failures", 1), Map.of("maxRetries", 3));
    JsonNode done = ops.awaitStatus(id, "SUCCESS");
    assertThat(done.get("retryCounter").asInt()).isEqualTo(2);

    // Attempt 1 reports again, late: a SUCCESS with another result, then a PROCESSING.
    double ignoredBefore = ignoredOutcomes();
    publishOutcome(OutcomeMessage.success(id, 1, "ghost", Instant.now(), marker("stale")));
    publishOutcome(OutcomeMessage.processing(id, 1, "ghost", Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() -> ignoredOutcomes() >= ignoredBefore + 2);

    JsonNode op = ops.get(id);
    assertThat(op.get("status").asString()).isEqualTo("SUCCESS");
    assertThat(op.get("retryCounter").asInt()).isEqualTo(2);
    assertThat(op.get("result").get("attempt").asInt()).isEqualTo(2);
    assertThat(op.get("workerId").asString()).startsWith("tests@");
  }

  @Test
  void cancelling_a_running_operation_wins_over_its_late_success() {
    UUID id = ops.submit("blockUntilReleased", Map.of());
    ops.awaitStatus(id, "PROCESSING");

    Response cancel = api.post("/api/v1/operations/" + id + "/cancel", "");
    assertThat(cancel.status()).isEqualTo(200);
    assertThat(cancel.body().get("status").asString()).isEqualTo("CANCELLED");

    double ignoredBefore = ignoredOutcomes();
    TestFunctions.releaseOf(id).countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> ignoredOutcomes() > ignoredBefore);

    JsonNode op = ops.get(id);
    assertThat(op.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(op.get("result").isNull()).isTrue();
  }

  @Test
  void a_finished_operation_cannot_be_cancelled() {
    UUID id = ops.submit("noop", Map.of());
    ops.awaitStatus(id, "SUCCESS");

    Response cancel = api.post("/api/v1/operations/" + id + "/cancel", "");

    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.body().get("detail").asString())
        .isEqualTo("operation " + id + " is SUCCESS and cannot be cancelled: it has finished");
  }

  @Test
  void a_pending_operation_is_cancelled_before_it_runs() {
    UUID id = ops.submit("noop", Map.of(), Map.of("delayMillis", 60_000));

    Response cancel = api.post("/api/v1/operations/" + id + "/cancel", "");

    assertThat(cancel.status()).isEqualTo(200);
    assertThat(ops.get(id).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(ops.get(id).get("retryCounter").asInt()).isZero();
  }

  @Test
  void retrying_a_failed_operation_gives_it_a_fresh_budget_and_a_higher_attempt() {
    UUID id = ops.submit("flaky", Map.of("failures", 2), Map.of("maxRetries", 1));
    ops.awaitStatus(id, "FAILED");

    Response retry = api.post("/api/v1/operations/" + id + "/retry", "{\"maxRetries\":2}");
    assertThat(retry.status()).isEqualTo(200);
    JsonNode op = ops.awaitStatus(id, "SUCCESS");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(3);
    assertThat(op.get("maxRetries").asInt()).isEqualTo(3);
    assertThat(op.get("result").get("attempt").asInt()).isEqualTo(3);
  }

  @Test
  void only_a_failed_operation_can_be_retried() {
    UUID id = ops.submit("noop", Map.of());
    ops.awaitStatus(id, "SUCCESS");

    Response retry = api.post("/api/v1/operations/" + id + "/retry", "");

    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.body().get("detail").asString()).contains("is SUCCESS and cannot be retried");
  }

  @Test
  void the_same_idempotency_key_returns_the_first_operation() {
    Map<String, Object> extra = Map.of("idempotencyKey", "upload-42", "owner", "alice");
    UUID first = ops.submit("noop", Map.of("n", 1), extra);

    Response again =
        api.post(
            "/api/v1/operations",
            Map.of(
                "triggerFunction", "noop",
                "inputs", Map.of("n", 1),
                "idempotencyKey", "upload-42",
                "owner", "alice"));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asString()).isEqualTo(first.toString());
    assertThat(again.body().get("inputs").get("n").asInt()).isEqualTo(1);
    long rows =
        platform
            .jdbc()
            .sql("SELECT count(*) FROM operation WHERE idempotency_key = 'upload-42'")
            .query(Long.class)
            .single();
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void the_same_idempotency_key_for_a_different_request_is_a_409_and_stores_nothing() {
    UUID first =
        ops.submit("noop", Map.of("n", 1), Map.of("idempotencyKey", "k-7", "owner", "bob"));

    Response reused =
        api.post(
            "/api/v1/operations/batch",
            Map.of(
                "operations",
                java.util.List.of(
                    Map.of(
                        "triggerFunction", "noop", "inputs", Map.of("fresh", true), "owner", "bob"),
                    Map.of(
                        "triggerFunction",
                        "sleep",
                        "inputs",
                        Map.of("millis", 1),
                        "idempotencyKey",
                        "k-7",
                        "owner",
                        "bob"))));

    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.body().get("detail").asString())
        .isEqualTo(
            "idempotencyKey 'k-7' of owner 'bob' was used for operation "
                + first
                + " with a different trigger function or inputs; use a new key");
    long fresh =
        platform
            .jdbc()
            .sql("SELECT count(*) FROM operation WHERE inputs ->> 'fresh' IS NOT NULL")
            .query(Long.class)
            .single();
    assertThat(fresh).isZero();
  }

  @Test
  void one_key_twice_in_one_batch_stores_one_operation_or_refuses_a_different_request() {
    Map<String, Object> same =
        Map.of(
            "triggerFunction",
            "noop",
            "inputs",
            Map.of("n", 5),
            "idempotencyKey",
            "twice",
            "owner",
            "carol");
    Response both =
        api.post(
            "/api/v1/operations/batch",
            Map.of(
                "operations",
                java.util.List.of(
                    same, Map.of("triggerFunction", "noop", "inputs", Map.of()), same)));

    assertThat(both.status()).isEqualTo(201);
    JsonNode stored = both.body().get("operations");
    assertThat(stored.get(2).get("id").asString()).isEqualTo(stored.get(0).get("id").asString());
    assertThat(stored.get(1).get("id").asString()).isNotEqualTo(stored.get(0).get("id").asString());

    Response clash =
        api.post(
            "/api/v1/operations/batch",
            Map.of(
                "operations",
                java.util.List.of(
                    Map.of(
                        "triggerFunction",
                        "noop",
                        "inputs",
                        Map.of("n", 6),
                        "idempotencyKey",
                        "clash",
                        "owner",
                        "carol"),
                    Map.of(
                        "triggerFunction",
                        "noop",
                        "inputs",
                        Map.of("n", 7),
                        "idempotencyKey",
                        "clash",
                        "owner",
                        "carol"))));

    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.body().get("detail").asString())
        .isEqualTo(
            "idempotencyKey 'clash' of owner 'carol' appears twice in this batch with different"
                + " trigger functions or inputs; nothing was stored");
    long rows =
        platform
            .jdbc()
            .sql(
                "SELECT count(*) FROM operation WHERE owner = 'carol'"
                    + " AND idempotency_key IN ('twice', 'clash')")
            .query(Long.class)
            .single();
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void an_unknown_id_is_a_404_problem() {
    Response response = api.get("/api/v1/operations/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().get("title").asString()).isEqualTo("Operation not found");
  }

  @Test
  void listing_filters_by_owner_and_status_and_pages_by_cursor() {
    for (int i = 0; i < 5; i++) {
      ops.submit("noop", Map.of("i", i), Map.of("owner", "lister", "delayMillis", 600_000));
    }

    Response first = api.get("/api/v1/operations?owner=lister&status=PENDING&limit=2");
    String cursor = first.body().get("nextCursor").asString();
    Response second =
        api.get("/api/v1/operations?owner=lister&status=PENDING&limit=2&after=" + cursor);
    Response third =
        api.get(
            "/api/v1/operations?owner=lister&status=PENDING&limit=2&after="
                + second.body().get("nextCursor").asString());

    assertThat(inputIndexes(first)).containsExactly(4, 3);
    assertThat(inputIndexes(second)).containsExactly(2, 1);
    assertThat(inputIndexes(third)).containsExactly(0);
    assertThat(third.body().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void the_matrix_counts_operations_by_function_and_status() {
    UUID id = ops.submit("alwaysFails", Map.of(), Map.of("maxRetries", 1, "owner", "matrix"));
    ops.awaitStatus(id, "FAILED");

    Response matrix = api.get("/api/v1/operations/matrix");

    assertThat(matrix.status()).isEqualTo(200);
    long failed =
        platform
            .jdbc()
            .sql(
                "SELECT count(*) FROM operation WHERE trigger_function = 'alwaysFails'"
                    + " AND status = 'FAILED'")
            .query(Long.class)
            .single();
    assertThat(matrix.body().get("alwaysFails").get("FAILED").asLong()).isEqualTo(failed);
  }

  @Test
  void prometheus_shows_latencies_and_counts_by_function() {
    UUID id = ops.submit("sleep", Map.of("millis", 1));
    ops.awaitStatus(id, "SUCCESS");

    String metrics =
        await()
            .atMost(Duration.ofSeconds(45))
            .until(
                () -> api.get("/actuator/prometheus").raw(),
                text ->
                    text.contains(
                        "operations_count{status=\"SUCCESS\",triggerFunction=\"sleep\"}"));

    assertThat(metrics)
        .contains("operations_queue_wait_seconds_count{triggerFunction=\"sleep\"}")
        .contains("operations_run_time_seconds_count{triggerFunction=\"sleep\"}")
        .contains("operations_run_time_seconds_bucket{triggerFunction=\"sleep\"");
  }

  private static java.util.List<Integer> inputIndexes(Response page) {
    return page.body().get("items").values().stream()
        .map(n -> n.get("inputs").get("i").asInt())
        .toList();
  }

  private static JsonNode marker(String value) {
    return JsonNodeFactory.instance.objectNode().put("marker", value);
  }

  private static void publishOutcome(OutcomeMessage outcome) {
    RabbitTemplate rabbit = scheduler.getBean(RabbitTemplate.class);
    MessageCodec codec = scheduler.getBean(MessageCodec.class);
    Topology topology = scheduler.getBean(Topology.class);
    rabbit.send("", topology.resultsQueue(), codec.encode(outcome, "test"));
  }

  private static double ignoredOutcomes() {
    MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
    return meters.find("operations.outcomes").tag("applied", "false").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
