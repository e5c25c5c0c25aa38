package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.springframework.context.ConfigurableApplicationContext;

/** An idle dispatcher sleeps until work is due instead of spinning. */
class IdleDispatcherTest {

  static TestPlatform platform;
  static ConfigurableApplicationContext scheduler;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("idle");
    scheduler = platform.startScheduler("operations.heartbeat.enabled=false");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void with_nothing_pending_nothing_is_due() {
    assertThat(scheduler.getBean(OperationRepository.class).nextDueIn()).isEmpty();
  }

  @Test
  void a_delayed_operation_is_due_after_its_delay() {
    new Operations(platform.api(scheduler)).submit("noop", Map.of(), Map.of("delayMillis", 60_000));

    Duration due = scheduler.getBean(OperationRepository.class).nextDueIn().orElseThrow();

    assertThat(due).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
    platform.jdbc().sql("DELETE FROM operation").update();
  }
}
