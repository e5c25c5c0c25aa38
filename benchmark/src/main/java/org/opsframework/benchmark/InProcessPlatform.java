package org.opsframework.benchmark;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opsframework.scheduler.SchedulerApplication;
import org.opsframework.scheduler.heartbeat.Heartbeat;
import org.opsframework.worker.WorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduler and one worker pool ({@code bench}, serving {@code noop}) in this JVM, on the
 * benchmark's database and prefix. All their log output goes to one file; the console stays for the
 * benchmark's own lines.
 */
final class InProcessPlatform implements AutoCloseable {

  static final String POOL = "bench";
  static final String CLEANUP_BEAN = "failedOperationCleanup";

  private final ConfigurableApplicationContext scheduler;
  private final ConfigurableApplicationContext worker;

  private InProcessPlatform(
      ConfigurableApplicationContext scheduler, ConfigurableApplicationContext worker) {
    this.scheduler = scheduler;
    this.worker = worker;
  }

  /**
   * @param settings where to connect and log
   */
  static InProcessPlatform start(Settings settings) {
    ConfigurableApplicationContext scheduler =
        new SpringApplicationBuilder(SchedulerApplication.class)
            .run(arguments(schedulerProperties(settings)));
    try {
      ConfigurableApplicationContext worker =
          new SpringApplicationBuilder(WorkerApplication.class)
              .run(arguments(workerProperties(settings)));
      return new InProcessPlatform(scheduler, worker);
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
  }

  int schedulerPort() {
    return Integer.parseInt(scheduler.getEnvironment().getRequiredProperty("local.server.port"));
  }

  /** The scheduler's failed-operation clean-up, to be run directly. */
  Heartbeat failedOperationCleanup() {
    return scheduler.getBean(CLEANUP_BEAN, Heartbeat.class);
  }

  /** The clean-up's own counters of deleted rows, by age and by limit, read while it runs. */
  DeletionCounters deletionCounters() {
    MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
    return new DeletionCounters(counter(meters, "age"), counter(meters, "limit"));
  }

  /** Closes the worker, then the scheduler. */
  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      scheduler.close();
    }
  }

  /**
   * @param databaseUrl the JDBC URL of the benchmark's database
   * @param prefix the RabbitMQ prefix
   * @param token the API token
   * @param storageRoot the worker's storage root (noop reads nothing)
   * @param logFile where both services log
   * @param logDeletions whether the per-row deletion logger stays at INFO
   * @param cleanupBatchSize rows the clean-up deletes per statement
   */
  record Settings(
      String databaseUrl,
      String prefix,
      String token,
      Path storageRoot,
      Path logFile,
      boolean logDeletions,
      int cleanupBatchSize) {}

  /**
   * Reads the two {@code operations.heartbeat.deleted} counters of the failed-operation clean-up.
   */
  record DeletionCounters(Counter byAge, Counter byLimit) {

    long deletedByAge() {
      return (long) byAge.count();
    }

    long deletedByLimit() {
      return (long) byLimit.count();
    }
  }

  private static Counter counter(MeterRegistry meters, String reason) {
    return meters
        .get("operations.heartbeat.deleted")
        .tag("heartbeat", "failureOperationHeartbeat")
        .tag("reason", reason)
        .counter();
  }

  private static List<String> schedulerProperties(Settings settings) {
    List<String> props = new ArrayList<>(common(settings));
    props.add("spring.datasource.url=" + settings.databaseUrl());
    props.add("spring.datasource.username=" + LocalServers.POSTGRES_USER);
    props.add("spring.datasource.password=" + LocalServers.POSTGRES_PASSWORD);
    props.add("operations.api.token=" + settings.token());
    props.add("operations.trigger-functions=noop");
    // The benchmark calls the clean-up itself; the heartbeat loop runs it once at start-up, on the
    // empty table, and then not again within the benchmark.
    props.add("operations.heartbeat.failed-operations.interval=24h");
    props.add("operations.heartbeat.failed-operations.threshold-time-hours=24");
    props.add("operations.heartbeat.failed-operations.threshold-limit-records=20000");
    props.add("operations.heartbeat.failed-operations.batch-size=" + settings.cleanupBatchSize());
    props.add("operations.heartbeat.retention.interval=24h");
    return props;
  }

  private static List<String> workerProperties(Settings settings) {
    List<String> props = new ArrayList<>(common(settings));
    props.add("operations.diagnostic-functions=true");
    props.add("operations.pool.name=" + POOL);
    props.add("operations.pool.functions=noop");
    props.add("operations.pool.concurrency=8");
    props.add("operations.storage.root=" + settings.storageRoot());
    return props;
  }

  private static List<String> common(Settings settings) {
    return List.of(
        "server.port=0",
        "server.address=" + LocalServers.HOST,
        "spring.rabbitmq.host=" + LocalServers.HOST,
        "spring.rabbitmq.port=" + LocalServers.RABBIT_PORT,
        "spring.rabbitmq.username=" + LocalServers.RABBIT_USER,
        "spring.rabbitmq.password=" + LocalServers.RABBIT_PASSWORD,
        "operations.messaging.prefix=" + settings.prefix(),
        "spring.main.banner-mode=off",
        // The benchmark closes the contexts itself, in order, before it drops the database.
        "spring.main.register-shutdown-hook=false",
        "logging.file.name=" + settings.logFile(),
        "logging.threshold.console=OFF",
        // One file, never rolled over: rolling would compress in the background during the run.
        "logging.logback.rollingpolicy.max-file-size=10GB",
        "logging.level.root=WARN",
        "logging.level.org.opsframework=INFO",
        // Logging is one system per JVM: both contexts name this level, so neither resets it.
        "logging.level.org.opsframework.scheduler.heartbeat.DeletedFailedOperation="
            + (settings.logDeletions() ? "INFO" : "WARN"));
  }

  /** Properties as command-line arguments, which override the services' application.yml. */
  private static String[] arguments(List<String> props) {
    return props.stream().map(p -> "--" + p).toArray(String[]::new);
  }
}
