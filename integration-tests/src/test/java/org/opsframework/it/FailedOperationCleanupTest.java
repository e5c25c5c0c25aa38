package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opsframework.scheduler.heartbeat.Heartbeat;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The failed-operation clean-up on the real database: exact survivors for each combination of age
 * threshold and record limit, only FAILED rows ever deleted, ages by the database clock, and a row
 * retried during a run survives.
 */
class FailedOperationCleanupTest {

  static TestPlatform platform;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("cleanup");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @BeforeEach
  void emptyTable() {
    // The first scheduler creates the table; later cases start from an empty one.
    try {
      platform.jdbc().sql("TRUNCATE operation").update();
    } catch (RuntimeException notCreatedYet) {
      // first case: Liquibase has not run yet
    }
  }

  /**
   * Each case: threshold hours, limit, batch size, FAILED rows as ages in hours (oldest first);
   * then how many go by age and by limit, and which ages survive.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "3 old go by age, then the 3 oldest of 8 recent by limit",
            24,
            5,
            1000,
            List.of(30, 30, 30, 8, 7, 6, 5, 4, 3, 2, 1),
            3,
            3,
            List.of(5, 4, 3, 2, 1)),
        Arguments.of(
            "under the limit, only age counts",
            24,
            20000,
            1000,
            List.of(48, 25, 23, 1),
            2,
            0,
            List.of(23, 1)),
        Arguments.of(
            "nothing old and under the limit: nothing deleted",
            24,
            10,
            1000,
            List.of(20, 10, 1),
            0,
            0,
            List.of(20, 10, 1)),
        Arguments.of(
            "limit 0 keeps no FAILED rows", 24, 0, 1000, List.of(30, 5, 1), 1, 2, List.of()),
        Arguments.of(
            "threshold 0 h deletes every FAILED row by age",
            0,
            100,
            1000,
            List.of(5, 1),
            2,
            0,
            List.of()),
        Arguments.of(
            "batches smaller than the work still finish it",
            24,
            3,
            2,
            List.of(50, 49, 48, 47, 46, 45, 44, 9, 8, 7, 6, 5),
            7,
            2,
            List.of(7, 6, 5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_clean_up_deletes_exactly_the_expected_failed_rows(
      String what,
      int hours,
      int limit,
      int batch,
      List<Integer> failedAges,
      long expectedByAge,
      long expectedByLimit,
      List<Integer> survivingAges) {
    try (ConfigurableApplicationContext scheduler =
        platform.startScheduler(
            "operations.heartbeat.enabled=false",
            "operations.heartbeat.failed-operations.threshold-time-hours=" + hours,
            "operations.heartbeat.failed-operations.threshold-limit-records=" + limit,
            "operations.heartbeat.failed-operations.batch-size=" + batch)) {
      for (int age : failedAges) {
        insert("FAILED", Duration.ofHours(age));
      }
      Set<UUID> others = insertEveryOtherStatus(100, Duration.ofDays(10));

      Map<String, Long> counts = cleanup(scheduler).run();

      assertThat(counts)
          .containsEntry("deletedByAge", expectedByAge)
          .containsEntry("deletedByLimit", expectedByLimit)
          .containsEntry("remainingFailed", (long) survivingAges.size());
      assertThat(failedAgesInHours()).containsExactlyElementsOf(survivingAges);
      assertThat(idsNotFailed()).isEqualTo(others);
    }
  }

  @Test
  void ages_come_from_the_database_clock_not_the_application_clock() {
    try (ConfigurableApplicationContext scheduler =
        new SpringApplicationBuilder(
                org.opsframework.scheduler.SchedulerApplication.class, TenDaysAhead.class)
            .run(
                platform.schedulerArguments(
                    "operations.heartbeat.enabled=false",
                    "spring.main.allow-bean-definition-overriding=true"))) {
      assertThat(scheduler.getBean(Clock.class).instant())
          .isAfter(java.time.Instant.now().plus(Duration.ofDays(9)));
      insert("FAILED", Duration.ofHours(1));
      insert("FAILED", Duration.ofHours(2));

      Map<String, Long> counts = cleanup(scheduler).run();

      assertThat(counts).containsEntry("deletedByAge", 0L).containsEntry("remainingFailed", 2L);
    }
  }

  @Test
  void a_failed_row_retried_while_the_clean_up_runs_survives() throws Exception {
    try (ConfigurableApplicationContext scheduler =
        platform.startScheduler("operations.heartbeat.enabled=false")) {
      UUID retried = insert("FAILED", Duration.ofHours(48));
      UUID old = insert("FAILED", Duration.ofHours(48));

      // A user's retry is under way in another transaction when the clean-up selects its rows.
      try (Connection user =
          DriverManager.getConnection(
              platform.databaseUrl(), TestServers.postgresUser(), TestServers.postgresPassword())) {
        user.setAutoCommit(false);
        try (Statement statement = user.createStatement()) {
          statement.executeUpdate(
              "UPDATE operation SET status = 'PENDING', max_retries = retry_counter + 3,"
                  + " updated = now() WHERE id = '"
                  + retried
                  + "' AND status = 'FAILED'");
        }

        Map<String, Long> counts = cleanup(scheduler).run();
        user.commit();

        assertThat(counts).containsEntry("deletedByAge", 1L);
      }
      assertThat(status(retried)).isEqualTo("PENDING");
      assertThat(exists(old)).isFalse();
    }
  }

  /** Replaces the application clock with one ten days ahead. */
  @Configuration(proxyBeanMethods = false)
  static class TenDaysAhead {
    @Bean
    @Primary
    Clock clock() {
      return Clock.offset(Clock.systemUTC(), Duration.ofDays(10));
    }
  }

  private static Heartbeat cleanup(ConfigurableApplicationContext scheduler) {
    return scheduler.getBean("failedOperationCleanup", Heartbeat.class);
  }

  static UUID insert(String status, Duration age) {
    UUID id = UUID.randomUUID();
    platform
        .jdbc()
        .sql(
            "INSERT INTO operation (id, trigger_function, inputs, status, max_retries,"
                + " retry_counter, owner, created, updated, error_info) VALUES (:id, 'noop', '{}',"
                + " :status, 3, 1, 'tests', now() - make_interval(secs => :age),"
                + " now() - make_interval(secs => :age),"
                + " '{\"errorClass\":\"Boom\",\"message\":\"it broke\"}')")
        .param("id", id)
        .param("status", status)
        .param("age", (double) age.toSeconds())
        .update();
    return id;
  }

  private static Set<UUID> insertEveryOtherStatus(int each, Duration age) {
    Set<UUID> ids = new HashSet<>();
    for (String status :
        List.of("PENDING", "QUEUED", "PROCESSING", "WAIT", "SUCCESS", "CANCELLED")) {
      for (int i = 0; i < each; i++) {
        ids.add(insert(status, age));
      }
    }
    return ids;
  }

  private static List<Integer> failedAgesInHours() {
    return new ArrayList<>(
        platform
            .jdbc()
            .sql(
                "SELECT round(extract(epoch FROM now() - updated) / 3600)::int FROM operation"
                    + " WHERE status = 'FAILED' ORDER BY updated")
            .query(Integer.class)
            .list());
  }

  private static Set<UUID> idsNotFailed() {
    return new HashSet<>(
        platform
            .jdbc()
            .sql("SELECT id FROM operation WHERE status <> 'FAILED'")
            .query(UUID.class)
            .list());
  }

  private static String status(UUID id) {
    return platform
        .jdbc()
        .sql("SELECT status FROM operation WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static boolean exists(UUID id) {
    return platform
            .jdbc()
            .sql("SELECT count(*) FROM operation WHERE id = :id")
            .param("id", id)
            .query(Long.class)
            .single()
        == 1;
  }
}
