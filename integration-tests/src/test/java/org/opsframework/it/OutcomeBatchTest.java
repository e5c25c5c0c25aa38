package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.messaging.ErrorInfo;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.OutcomeType;
import org.opsframework.common.messaging.Topology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Worker reports travel packed several to a message and are written in batches, one transaction for
 * many. Each report still applies only to its own operation's current attempt, in the order they
 * were sent; an unreadable message is dead-lettered without holding up the rest.
 */
class OutcomeBatchTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static ConfigurableApplicationContext scheduler;
  static Operations ops;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("outcomebatch");
    scheduler = platform.startScheduler();
    platform.startWorker("quick", "noop,sleep", 2, storage, "operations.pool.prefetch=20");
    ops = new Operations(platform.api(scheduler));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void a_packed_message_applies_each_report_to_its_own_attempt_only() {
    List<UUID> queued = insertQueued(30);
    List<OutcomeMessage> reports = new ArrayList<>();
    for (UUID id : queued.subList(0, 29)) {
      reports.add(success(id, 1, "r-" + id).withRunTime(Duration.ofSeconds(2)));
    }
    UUID wrongAttempt = queued.get(29);
    reports.add(success(wrongAttempt, 2, "from a newer attempt that never started"));

    send(reports);

    await().atMost(Duration.ofSeconds(30)).until(() -> count("SUCCESS", queued) == 29);
    for (UUID id : queued.subList(0, 29)) {
      JsonNode op = ops.get(id);
      assertThat(op.get("result").get("marker").asString()).isEqualTo("r-" + id);
      // Never reported PROCESSING: the start comes from the run time the worker measured.
      Instant started = Instant.parse(op.get("started").asString());
      Instant updated = Instant.parse(op.get("updated").asString());
      assertThat(Duration.between(started, updated).toMillis()).isBetween(1990L, 2010L);
    }
    assertThat(ops.get(wrongAttempt).get("status").asString()).isEqualTo("QUEUED");
  }

  @Test
  void reports_on_one_operation_in_one_message_apply_in_the_order_sent() {
    List<UUID> queued = insertQueued(2);
    UUID inOrder = queued.get(0);
    UUID lateProcessing = queued.get(1);

    send(
        List.of(
            OutcomeMessage.processing(inOrder, 1, "w", Instant.now()),
            success(inOrder, 1, "first"),
            success(lateProcessing, 1, "second"),
            OutcomeMessage.processing(lateProcessing, 1, "w", Instant.now()),
            success(inOrder, 1, "a duplicate")));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("SUCCESS", queued) == 2);
    assertThat(ops.get(inOrder).get("result").get("marker").asString()).isEqualTo("first");
    assertThat(ops.get(inOrder).get("started").isNull()).isFalse();
    assertThat(ops.get(lateProcessing).get("result").get("marker").asString()).isEqualTo("second");
  }

  @Test
  void an_unreadable_message_is_dead_lettered_and_the_next_ones_are_written() {
    List<UUID> queued = insertQueued(1);
    RabbitAdmin admin = new RabbitAdmin(scheduler.getBean(RabbitTemplate.class));
    Topology topology = scheduler.getBean(Topology.class);
    long deadBefore = deadResults(admin, topology);

    sendRaw("[{\"operationId\":\"" + queued.get(0) + "\",\"attempt\":1}, null]");
    sendRaw("[]");
    send(List.of(success(queued.get(0), 1, "after the bad ones")));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("SUCCESS", queued) == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> deadResults(admin, topology) == deadBefore + 2);
  }

  @Test
  void a_failure_is_fenced_by_the_outcomes_attempt_not_by_its_error_details() {
    List<UUID> queued = insertQueued(2);
    UUID stale = queued.get(0);
    UUID current = queued.get(1);
    platform
        .jdbc()
        .sql("UPDATE operation SET retry_counter = 2 WHERE id = ANY(:ids)")
        .param("ids", queued.toArray(UUID[]::new))
        .update();

    // Attempt 1 reports late, with details that claim attempt 2; attempt 2 reports with details
    // that claim attempt 1.
    send(List.of(failed(stale, 1, 2), failed(current, 2, 1)));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("FAILED", queued) == 1);
    assertThat(ops.get(stale).get("status").asString()).isEqualTo("QUEUED");
    JsonNode failedOp = ops.get(current);
    assertThat(failedOp.get("status").asString()).isEqualTo("FAILED");
    assertThat(failedOp.get("errorInfo").get("attempt").asInt()).isEqualTo(2);
  }

  @Test
  void a_result_the_database_refuses_fails_its_own_operation_only() {
    List<UUID> queued = insertQueued(3);
    JsonNode withNul = JsonNodeFactory.instance.objectNode().put("text", "a\u0000b");
    send(
        List.of(
            success(queued.get(0), 1, "fine"),
            OutcomeMessage.success(queued.get(1), 1, "test-worker", Instant.now(), withNul),
            success(queued.get(2), 1, "also fine")));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("SUCCESS", queued) == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> count("FAILED", queued) == 1);
    JsonNode refused = ops.get(queued.get(1));
    assertThat(refused.get("errorInfo").get("errorClass").asString()).isEqualTo("UnstorableResult");
    assertThat(refused.get("errorInfo").get("message").asString())
        .startsWith("the function succeeded but its result could not be stored: ");
    assertThat(refused.get("errorInfo").get("retryable").asBoolean()).isFalse();
  }

  @Test
  void a_backlog_of_reports_is_written_in_few_transactions() {
    List<UUID> queued = insertQueued(2000);
    SimpleMessageListenerContainer results =
        scheduler.getBean("outcomeContainer", SimpleMessageListenerContainer.class);
    results.stop();
    for (UUID id : queued) {
      send(List.of(success(id, 1, "one of many")));
    }
    long commitsBefore = commits();

    results.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> count("SUCCESS", queued) == 2000);
    // One message per report, one transaction per batch: a commit per report would be 2,000.
    assertThat(commits() - commitsBefore).isLessThan(100);
  }

  @Test
  void a_quick_operation_is_reported_once_and_a_slow_one_is_seen_processing() {
    double processingBefore = processingReports();
    List<UUID> quick = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      quick.add(ops.submit("noop", Map.of()));
    }
    for (UUID id : quick) {
      JsonNode op = ops.awaitStatus(id, "SUCCESS");
      assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
      assertThat(op.get("started").isNull()).isFalse();
    }
    assertThat(processingReports()).isEqualTo(processingBefore);

    UUID slow = ops.submit("sleep", Map.of("millis", 1500));
    JsonNode running = ops.awaitStatus(slow, "PROCESSING");
    assertThat(running.get("workerId").asString()).startsWith("quick@");
    ops.awaitStatus(slow, "SUCCESS");
  }

  private static OutcomeMessage success(UUID id, int attempt, String marker) {
    JsonNode result = JsonNodeFactory.instance.objectNode().put("marker", marker);
    return OutcomeMessage.success(id, attempt, "test-worker", Instant.now(), result);
  }

  private static OutcomeMessage failed(UUID id, int attempt, int attemptInDetails) {
    ErrorInfo error =
        new ErrorInfo(
            "Boom", "attempt " + attempt + " failed", attemptInDetails, "w", Instant.now(), false);
    return new OutcomeMessage(
        id, attempt, OutcomeType.FAILED, "test-worker", Instant.now(), null, error, 5L);
  }

  /** Operations in flight at attempt 1, as if dispatched to a worker that is not there. */
  private static List<UUID> insertQueued(int n) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID());
    }
    platform
        .jdbc()
        .sql(
            "INSERT INTO operation (id, trigger_function, inputs, status, retry_counter,"
                + " max_retries, owner, last_touched)"
                + " SELECT id, 'noop', '{}', 'QUEUED', 1, 3, 'batch-test', now()"
                + " FROM unnest(:ids::uuid[]) AS t(id)")
        .param("ids", ids.toArray(UUID[]::new))
        .update();
    return ids;
  }

  private static long count(String status, List<UUID> ids) {
    return platform
        .jdbc()
        .sql("SELECT count(*) FROM operation WHERE status = :status AND id = ANY(:ids)")
        .param("status", status)
        .param("ids", ids.toArray(UUID[]::new))
        .query(Long.class)
        .single();
  }

  /** Transactions the outcome writer has committed, as its batch-size summary counts them. */
  private static long commits() {
    MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
    return meters.get("operations.outcomes.batch.size").summary().count();
  }

  private static void send(List<OutcomeMessage> outcomes) {
    RabbitTemplate rabbit = scheduler.getBean(RabbitTemplate.class);
    MessageCodec codec = scheduler.getBean(MessageCodec.class);
    Topology topology = scheduler.getBean(Topology.class);
    Object body = outcomes.size() == 1 ? outcomes.get(0) : outcomes;
    rabbit.send("", topology.resultsQueue(), codec.encode(body, "test"));
  }

  private static void sendRaw(String json) {
    RabbitTemplate rabbit = scheduler.getBean(RabbitTemplate.class);
    Topology topology = scheduler.getBean(Topology.class);
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send(
        "",
        topology.resultsQueue(),
        new Message(json.getBytes(StandardCharsets.UTF_8), properties));
  }

  private static long deadResults(RabbitAdmin admin, Topology topology) {
    var info = admin.getQueueInfo(topology.deadResultsQueue());
    return info == null ? -1 : info.getMessageCount();
  }

  private static double processingReports() {
    MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
    return meters.find("operations.outcomes").tag("type", "PROCESSING").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
