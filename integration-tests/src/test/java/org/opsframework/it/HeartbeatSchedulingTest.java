package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opsframework.it.ApiClient.Response;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats run on one replica at a time, show what they did, and refuse bad settings at start-up
 * with the setting's name.
 */
class HeartbeatSchedulingTest {

  static TestPlatform platform;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("heartbeats");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void two_replicas_run_each_clean_up_once_and_delete_every_old_row_once() {
    String[] settings = {
      "operations.heartbeat.failed-operations.interval=300ms",
      "operations.heartbeat.failed-operations.batch-size=50",
      "operations.heartbeat.failed-operations.threshold-limit-records=100"
    };
    emptyTables();
    // Runs start as soon as the first replica does, so the window starts before it.
    long start = System.nanoTime();
    ConfigurableApplicationContext first = platform.startScheduler(settings);
    ConfigurableApplicationContext second = platform.startScheduler(settings);
    platform
        .jdbc()
        .sql(
            "INSERT INTO operation (id, trigger_function, inputs, status, max_retries, owner,"
                + " updated) SELECT gen_random_uuid(), 'noop', '{}', 'FAILED', 3, 'tests',"
                + " now() - make_interval(hours => 30 + i % 5) FROM generate_series(1, 3000) i")
        .update();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> failedRows() == 0 && runs("failureOperationHeartbeat") >= 8);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(deleted(first) + deleted(second)).isEqualTo(3000);
    long runs = runs("failureOperationHeartbeat");
    // Every run started is counted once in the table and once by the replica that ran it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> finishedRuns(first) + finishedRuns(second) >= runs("failureOperationHeartbeat"));
    assertThat(finishedRuns(first) + finishedRuns(second))
        .isBetween(runs, runs("failureOperationHeartbeat"));
    // At most one run per interval across both replicas, plus the one due at start-up: two
    // replicas running every interval would make about twice as many.
    assertThat(runs).isLessThanOrEqualTo(elapsedMillis / 300 + 2);
    first.close();
    second.close();
  }

  @Test
  void a_run_longer_than_its_lease_keeps_it_so_the_limit_is_not_applied_twice() {
    emptyTables();
    platform
        .jdbc()
        .sql(
            "INSERT INTO operation (id, trigger_function, inputs, status, max_retries, owner,"
                + " updated) SELECT gen_random_uuid(), 'noop', '{}', 'FAILED', 3, 'tests',"
                + " now() - make_interval(secs => i) FROM generate_series(1, 100000) i")
        .update();
    String[] settings = {
      "operations.heartbeat.lease=600ms",
      "operations.heartbeat.failed-operations.interval=200ms",
      "operations.heartbeat.failed-operations.threshold-time-hours=1000000",
      "operations.heartbeat.failed-operations.threshold-limit-records=20000",
      "operations.heartbeat.failed-operations.batch-size=500",
      "logging.level.org.opsframework.scheduler.heartbeat.DeletedFailedOperation=WARN"
    };
    ConfigurableApplicationContext first = platform.startScheduler(settings);
    ConfigurableApplicationContext second = platform.startScheduler(settings);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> failedRows() <= 20000 && runs("failureOperationHeartbeat") >= 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> deleted(first) + deleted(second) >= 80000);

    assertThat(failedRows()).isEqualTo(20000);
    assertThat(deleted(first) + deleted(second)).isEqualTo(80000);
    first.close();
    second.close();
  }

  @Test
  void the_heartbeat_endpoint_shows_interval_last_run_and_next_run() {
    ConfigurableApplicationContext scheduler =
        platform.startScheduler("operations.heartbeat.retention.interval=200ms");
    ApiClient api = platform.api(scheduler);
    await().atMost(Duration.ofSeconds(10)).until(() -> runs("retentionHeartbeat") >= 2);

    Response response = api.get("/api/v1/heartbeats");

    assertThat(response.status()).isEqualTo(200);
    JsonNode retention = null;
    for (JsonNode heartbeat : response.body()) {
      if (heartbeat.get("name").asString().equals("retentionHeartbeat")) {
        retention = heartbeat;
      }
    }
    assertThat(retention).isNotNull();
    assertThat(retention.get("interval").asString()).isEqualTo("PT0.2S");
    assertThat(retention.get("runs").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(retention.get("lastStart").isNull()).isFalse();
    assertThat(retention.get("nextRun").isNull()).isFalse();
    assertThat(retention.get("lastCounts").get("deleted").asLong()).isZero();
    assertThat(retention.get("lastError").isNull()).isTrue();
    assertThat(response.body().size()).isEqualTo(4);
    scheduler.close();
  }

  @Test
  void the_operator_variables_set_the_clean_up_settings() {
    ConfigurableApplicationContext scheduler =
        platform.startScheduler(
            "operations.heartbeat.enabled=false",
            "POLL_FAILED_OPERATIONS_INTERVAL=5000",
            "FAILED_OPERATION_THRESHOLD_TIME_HOURS=48",
            "FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS=7",
            "OPERATION_WAIT_INTERVAL=1m");

    SchedulerProperties.Heartbeat settings =
        scheduler.getBean(SchedulerProperties.class).heartbeat();

    assertThat(settings.failedOperations().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.failedOperations().thresholdTimeHours()).isEqualTo(48);
    assertThat(settings.failedOperations().thresholdLimitRecords()).isEqualTo(7);
    assertThat(settings.waiting().waitInterval()).isEqualTo(Duration.ofMinutes(1));
    scheduler.close();
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            "FAILED_OPERATION_THRESHOLD_TIME_HOURS=-1", "FAILED_OPERATION_THRESHOLD_TIME_HOURS"),
        Arguments.of(
            "FAILED_OPERATION_THRESHOLD_TIME_HOURS=a day",
            "operations.heartbeat.failed-operations.threshold-time-hours"),
        Arguments.of(
            "FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS=-5",
            "FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS"),
        Arguments.of(
            "FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS=lots",
            "operations.heartbeat.failed-operations.threshold-limit-records"),
        Arguments.of("POLL_FAILED_OPERATIONS_INTERVAL=-5", "POLL_FAILED_OPERATIONS_INTERVAL"),
        Arguments.of("POLL_FAILED_OPERATIONS_INTERVAL=0", "POLL_FAILED_OPERATIONS_INTERVAL"),
        Arguments.of(
            "POLL_FAILED_OPERATIONS_INTERVAL=hourly",
            "operations.heartbeat.failed-operations.interval"),
        Arguments.of("OPERATION_WAIT_INTERVAL=-1", "OPERATION_WAIT_INTERVAL"),
        Arguments.of(
            "operations.heartbeat.expired-operations.processing-expiry=0s",
            "operations.heartbeat.expired-operations.processing-expiry"),
        Arguments.of(
            "operations.heartbeat.retention.max-age=-1d", "operations.heartbeat.retention.max-age"),
        Arguments.of(
            "operations.heartbeat.failed-operations.batch-size=0",
            "heartbeat.failedOperations.batchSize"),
        Arguments.of(
            "FAILED_OPERATION_THRESHOLD_TIME_HOURS=99999999999",
            "must be at most 1000000 (FAILED_OPERATION_THRESHOLD_TIME_HOURS)"),
        Arguments.of(
            "POLL_FAILED_OPERATIONS_INTERVAL=9999999999999",
            "operations.heartbeat.failed-operations.interval (POLL_FAILED_OPERATIONS_INTERVAL) must"
                + " be at most 36500 days"),
        Arguments.of("operations.heartbeat.lease=200000d", "operations.heartbeat.lease must be"),
        Arguments.of(
            "operations.heartbeat.expired-operations.queued-expiry=200000d",
            "operations.heartbeat.expired-operations.queued-expiry must be at most"),
        Arguments.of("OPERATION_WAIT_INTERVAL=200000d", "OPERATION_WAIT_INTERVAL"),
        Arguments.of(
            "operations.heartbeat.expired-operations.processing-expiry-by-function.computechecksum=1s",
            "names 'computechecksum', which is not in operations.trigger-functions"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void a_bad_setting_stops_start_up_naming_the_setting(String setting, String named) {
    assertThatThrownBy(() -> platform.startScheduler(setting))
        .satisfies(e -> assertThat(messages(e)).contains(named));
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** Each test starts from empty tables (the first scheduler of the class creates them). */
  private static void emptyTables() {
    try {
      platform.jdbc().sql("TRUNCATE operation, heartbeat").update();
    } catch (RuntimeException notCreatedYet) {
      // no scheduler has run Liquibase yet: the tables are created empty
    }
  }

  private static long failedRows() {
    return platform
        .jdbc()
        .sql("SELECT count(*) FROM operation WHERE status = 'FAILED'")
        .query(Long.class)
        .single();
  }

  private static long runs(String heartbeat) {
    return platform
        .jdbc()
        .sql("SELECT coalesce(max(runs), 0) FROM heartbeat WHERE name = :name")
        .param("name", heartbeat)
        .query(Long.class)
        .single();
  }

  private static long deleted(ConfigurableApplicationContext scheduler) {
    return (long)
        scheduler
            .getBean(MeterRegistry.class)
            .find("operations.heartbeat.deleted")
            .tag("heartbeat", "failureOperationHeartbeat")
            .counters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private static long finishedRuns(ConfigurableApplicationContext scheduler) {
    return scheduler
        .getBean(MeterRegistry.class)
        .find("operations.heartbeat.runs")
        .tag("heartbeat", "failureOperationHeartbeat")
        .timers()
        .stream()
        .mapToLong(t -> t.count())
        .sum();
  }
}
