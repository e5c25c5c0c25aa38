package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.Topology;
import org.opsframework.it.ApiClient.Response;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Operations whose function asks to wait: WAIT, completed from outside by the callback endpoint, or
 * run again when the wait interval passes, until the waits run out.
 */
class WaitTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static ConfigurableApplicationContext scheduler;
  static ApiClient api;
  static Operations ops;

  @BeforeAll
  static void start() {
    // The default wait interval (two minutes) keeps waiting operations in WAIT for these tests.
    platform = TestPlatform.create("wait");
    scheduler = platform.startScheduler();
    platform.startWorker("waiting", "waitForCallback,flaky,noop", 2, storage);
    api = platform.api(scheduler);
    ops = new Operations(api);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void a_function_that_asks_to_wait_leaves_its_operation_in_wait() {
    UUID id = ops.submit("waitForCallback", Map.of());

    JsonNode op = ops.awaitStatus(id, "WAIT");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("workerId").asString()).startsWith("waiting@");
    assertThat(op.get("result").isNull()).isTrue();
    assertThat(op.get("errorInfo").isNull()).isTrue();
    Map<String, Object> row =
        platform
            .jdbc()
            .sql(
                "SELECT wait_count, extract(epoch FROM wait_until - updated)::float8 AS wait_secs"
                    + " FROM operation WHERE id = :id")
            .param("id", id)
            .query()
            .singleRow();
    assertThat(row.get("wait_count")).isEqualTo(1);
    assertThat(row.get("wait_secs")).isEqualTo(120.0);
    assertThat(TestFunctions.EXECUTIONS.get(id).get()).isEqualTo(1);
  }

  @Test
  void a_callback_with_a_result_completes_a_waiting_operation() {
    UUID id = waitingOperation();

    Response response =
        api.post(
            "/api/v1/operations/" + id + "/callback",
            "{\"result\":{\"approved\":true,\"by\":\"alice\",\"steps\":[1,2]}}");

    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    JsonNode op = ops.get(id);
    assertThat(op.get("status").asString()).isEqualTo("SUCCESS");
    assertThat(op.get("result"))
        .isEqualTo(ApiClient.JSON.readTree("{\"approved\":true,\"by\":\"alice\",\"steps\":[1,2]}"));
    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").isNull()).isTrue();
    assertThat(response.body()).isEqualTo(op);
  }

  @Test
  void a_callback_with_an_error_fails_a_waiting_operation_without_retrying() {
    UUID id = waitingOperation();
    Instant before = Instant.now();

    Response response =
        api.post(
            "/api/v1/operations/" + id + "/callback",
            "{\"error\":{\"message\":\"the reviewer said no\",\"errorClass\":\"ApprovalDenied\"}}");

    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    JsonNode op = ops.get(id);
    assertThat(op.get("status").asString()).isEqualTo("FAILED");
    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("result").isNull()).isTrue();
    JsonNode error = op.get("errorInfo");
    assertThat(error.get("errorClass").asString()).isEqualTo("ApprovalDenied");
    assertThat(error.get("message").asString()).isEqualTo("the reviewer said no");
    assertThat(error.get("attempt").asInt()).isEqualTo(1);
    assertThat(error.get("worker").isNull()).isTrue();
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(Instant.parse(error.get("time").asString()))
        .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(TestFunctions.EXECUTIONS.get(id).get()).isEqualTo(1);
  }

  @Test
  void a_callback_error_without_a_class_is_stored_as_a_callback_error() {
    UUID id = waitingOperation();

    Response response =
        api.post("/api/v1/operations/" + id + "/callback", "{\"error\":{\"message\":\"gone\"}}");

    assertThat(response.status()).isEqualTo(200);
    JsonNode error = ops.get(id).get("errorInfo");
    assertThat(error.get("errorClass").asString()).isEqualTo("CallbackError");
    assertThat(error.get("message").asString()).isEqualTo("gone");
  }

  @Test
  void a_callback_on_an_operation_that_is_not_waiting_is_a_409_naming_its_status() {
    UUID id = ops.submit("noop", Map.of());
    ops.awaitStatus(id, "SUCCESS");

    Response response =
        api.post("/api/v1/operations/" + id + "/callback", "{\"result\":{\"late\":true}}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("type").asString())
        .isEqualTo("urn:operations:problem:invalid-state");
    assertThat(response.body().get("detail").asString())
        .isEqualTo(
            "operation "
                + id
                + " is SUCCESS and cannot be completed by a callback: only a WAIT operation"
                + " takes one");
    assertThat(ops.get(id).get("result").has("late")).isFalse();
  }

  @Test
  void a_callback_on_an_unknown_operation_is_a_404() {
    Response response =
        api.post("/api/v1/operations/" + UUID.randomUUID() + "/callback", "{\"result\":{}}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().get("type").asString())
        .isEqualTo("urn:operations:problem:not-found");
  }

  static Stream<Arguments> badCallbacks() {
    String neither = "give either result (a JSON object) or error ({\"message\": ...})";
    String nul = " contains a NUL character (\\u0000), which cannot be stored";
    return Stream.of(
        Arguments.of("an empty object", "{}", "invalid-request", neither),
        Arguments.of("a null result", "{\"result\":null}", "invalid-request", neither),
        Arguments.of(
            "both result and error",
            "{\"result\":{},\"error\":{\"message\":\"no\"}}",
            "invalid-request",
            "give either result or error, not both"),
        Arguments.of(
            "a result that is an array",
            "{\"result\":[1,2]}",
            "invalid-request",
            "result must be a JSON object, got array"),
        Arguments.of(
            "a result that is a string",
            "{\"result\":\"done\"}",
            "invalid-request",
            "result must be a JSON object, got string"),
        Arguments.of(
            "a NUL character in a result value",
            "{\"result\":{\"note\":{\"text\":\"a\\u0000b\"}}}",
            "nul-character",
            "result.note.text" + nul),
        Arguments.of(
            "a NUL character in a result field name",
            "{\"result\":{\"a\\u0000\":1}}",
            "nul-character",
            "result.a\\u0000 (field name)" + nul),
        Arguments.of(
            "a NUL character in the error message",
            "{\"error\":{\"message\":\"x\\u0000\"}}",
            "nul-character",
            "error.message" + nul),
        Arguments.of(
            "an error without a message",
            "{\"error\":{}}",
            "invalid-request",
            "error.message is required"),
        Arguments.of(
            "a blank error class",
            "{\"error\":{\"message\":\"no\",\"errorClass\":\" \"}}",
            "invalid-request",
            "error.errorClass must be 1 to 200 characters when given"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCallbacks")
  void a_bad_callback_body_is_refused_and_changes_nothing(
      String name, String body, String type, String detail) {
    UUID id = waitingOperation();
    Map<String, Object> before = row(id);

    Response response = api.post("/api/v1/operations/" + id + "/callback", body);

    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.body().get("type").asString()).isEqualTo("urn:operations:problem:" + type);
    assertThat(response.body().get("detail").asString()).isEqualTo(detail);
    assertThat(row(id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableCallbacks")
  void an_unreadable_callback_body_is_refused_as_malformed_json_and_changes_nothing(
      String name, String body, String detailStart) {
    UUID id = waitingOperation();
    Map<String, Object> before = row(id);

    Response response = api.post("/api/v1/operations/" + id + "/callback", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("type").asString())
        .isEqualTo("urn:operations:problem:malformed-json");
    assertThat(response.body().get("detail").asString()).startsWith(detailStart);
    assertThat(row(id)).isEqualTo(before);
  }

  static Stream<Arguments> unreadableCallbacks() {
    String notValid = "the request body is not valid JSON for this endpoint: ";
    return Stream.of(
        Arguments.of("a missing body", "", "the request body is missing"),
        Arguments.of("cut-off JSON", "{\"result\":", notValid),
        Arguments.of("an unknown field", "{\"outcome\":{}}", notValid),
        Arguments.of("an error that is a string", "{\"error\":\"no\"}", notValid));
  }

  @Test
  void a_stale_or_repeated_wait_outcome_is_ignored() {
    UUID finished = ops.submit("flaky", Map.of("failures", 1), Map.of("maxRetries", 3));
    ops.awaitStatus(finished, "SUCCESS");
    UUID waiting = waitingOperation();
    Map<String, Object> finishedBefore = row(finished);
    Map<String, Object> waitingBefore = row(waiting);

    // Attempt 1 of the finished operation asks to wait, late; the waiting one reports its wait
    // twice.
    double ignoredBefore = ignoredOutcomes();
    publishOutcome(OutcomeMessage.waiting(finished, 1, "ghost", Instant.now(), "stale"));
    publishOutcome(OutcomeMessage.waiting(waiting, 1, "ghost", Instant.now(), "repeated"));
    await().atMost(Duration.ofSeconds(30)).until(() -> ignoredOutcomes() >= ignoredBefore + 2);

    assertThat(row(finished)).isEqualTo(finishedBefore);
    assertThat(row(finished).get("status")).isEqualTo("SUCCESS");
    assertThat(row(finished).get("wait_count")).isEqualTo(0);
    assertThat(row(waiting)).isEqualTo(waitingBefore);
    assertThat(row(waiting).get("wait_count")).isEqualTo(1);
  }

  @Test
  void an_operation_that_keeps_waiting_fails_as_wait_exhausted_after_max_waits() {
    try (TestPlatform shortWaits = TestPlatform.create("waitexhausted")) {
      ConfigurableApplicationContext quick =
          shortWaits.startScheduler(
              "operations.heartbeat.waiting.wait-interval=200ms",
              "operations.heartbeat.waiting.interval=100ms",
              "operations.heartbeat.waiting.max-waits=2");
      shortWaits.startWorker("waiting", "waitForCallback", 1, storage);
      ApiClient quickApi = shortWaits.api(quick);
      Operations quickOps = new Operations(quickApi);
      // One attempt only: the second run must come from the wait, not from the retry budget.
      UUID id = quickOps.submit("waitForCallback", Map.of(), Map.of("maxRetries", 1));

      JsonNode op = quickOps.awaitStatus(id, "FAILED");

      assertWaitExhausted(op, 2);
      assertThat(op.get("maxRetries").asInt()).isEqualTo(2);
      assertThat(waitCount(shortWaits, id)).isEqualTo(2);
      assertThat(TestFunctions.EXECUTIONS.get(id).get()).isEqualTo(2);

      // A retry gives it a fresh count of waits as well as attempts.
      Response retry = quickApi.post("/api/v1/operations/" + id + "/retry", "{\"maxRetries\":1}");
      assertThat(retry.status()).isEqualTo(200);
      JsonNode again =
          await("operation " + id + " FAILED again")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> quickOps.get(id),
                  o ->
                      o.get("status").asString().equals("FAILED")
                          && o.get("retryCounter").asInt() == 4);

      assertWaitExhausted(again, 4);
      assertThat(again.get("maxRetries").asInt()).isEqualTo(4);
      assertThat(waitCount(shortWaits, id)).isEqualTo(2);
      assertThat(TestFunctions.EXECUTIONS.get(id).get()).isEqualTo(4);
    }
  }

  private static void assertWaitExhausted(JsonNode op, int attempt) {
    assertThat(op.get("retryCounter").asInt()).isEqualTo(attempt);
    JsonNode error = op.get("errorInfo");
    assertThat(error.get("errorClass").asString()).isEqualTo("wait-exhausted");
    assertThat(error.get("message").asString())
        .isEqualTo(
            "waited 2 times and no callback came; the limit is 2"
                + " (operations.heartbeat.waiting.max-waits)");
    assertThat(error.get("attempt").asInt()).isEqualTo(attempt);
    assertThat(error.get("worker").isNull()).isTrue();
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(Instant.parse(error.get("time").asString())).isBefore(Instant.now().plusSeconds(1));
  }

  /** Submits a {@code waitForCallback} operation and returns it once it is WAIT. */
  private static UUID waitingOperation() {
    UUID id = ops.submit("waitForCallback", Map.of());
    ops.awaitStatus(id, "WAIT");
    return id;
  }

  /** The columns a refused callback or an ignored outcome must leave alone. */
  private static Map<String, Object> row(UUID id) {
    return platform
        .jdbc()
        .sql(
            "SELECT status, retry_counter, max_retries, result::text AS result,"
                + " error_info::text AS error_info, worker_id, updated, wait_until, wait_count"
                + " FROM operation WHERE id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  private static int waitCount(TestPlatform installation, UUID id) {
    return installation
        .jdbc()
        .sql("SELECT wait_count FROM operation WHERE id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  private static void publishOutcome(OutcomeMessage outcome) {
    RabbitTemplate rabbit = scheduler.getBean(RabbitTemplate.class);
    MessageCodec codec = scheduler.getBean(MessageCodec.class);
    Topology topology = scheduler.getBean(Topology.class);
    rabbit.send("", topology.resultsQueue(), codec.encode(outcome, "test"));
  }

  /** WAIT outcomes the scheduler ignored as stale or repeated. */
  private static double ignoredOutcomes() {
    MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
    return meters
        .find("operations.outcomes")
        .tag("type", "WAIT")
        .tag("applied", "false")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
