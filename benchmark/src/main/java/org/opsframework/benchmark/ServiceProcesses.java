package org.opsframework.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One scheduler and one worker pool ({@code bench}: {@code noop}, concurrency 8) as processes of
 * their own, started from the jars the build leaves, on the benchmark's database and prefix.
 */
final class ServiceProcesses implements AutoCloseable {

  static final String POOL = "bench";
  static final int CONCURRENCY = 8;

  /** Quick operations: enough held per consumer to keep it busy while outcomes are confirmed. */
  static final int PREFETCH = 50;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServiceProcess scheduler;
  private final ServiceProcess worker;

  private ServiceProcesses(ServiceProcess scheduler, ServiceProcess worker) {
    this.scheduler = scheduler;
    this.worker = worker;
  }

  /**
   * Starts the scheduler, waits until it is healthy (it has migrated the database and declared the
   * topology), then the worker, and waits until the worker consumes.
   */
  static ServiceProcesses start(
      Path root,
      String databaseUrl,
      String prefix,
      String token,
      Path storageRoot,
      Path logDir,
      BrokerObjects broker)
      throws IOException, InterruptedException {
    ServiceProcess scheduler =
        ServiceProcess.start(
            "scheduler",
            root.resolve("scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT-exec.jar"),
            List.of(
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + LocalServers.POSTGRES_USER,
                "spring.datasource.password=" + LocalServers.POSTGRES_PASSWORD,
                "spring.rabbitmq.host=" + LocalServers.HOST,
                "spring.rabbitmq.port=" + LocalServers.RABBIT_PORT,
                "spring.rabbitmq.username=" + LocalServers.RABBIT_USER,
                "spring.rabbitmq.password=" + LocalServers.RABBIT_PASSWORD,
                "operations.messaging.prefix=" + prefix,
                "operations.api.token=" + token,
                "operations.trigger-functions=noop"),
            logDir.resolve("throughput-benchmark-scheduler.log"));
    ServiceProcess worker = null;
    try {
      scheduler.awaitHealthy(START_TIMEOUT);
      worker =
          ServiceProcess.start(
              "worker",
              root.resolve("worker-service/target/worker-service-0.1.0-SNAPSHOT-exec.jar"),
              List.of(
                  "spring.rabbitmq.host=" + LocalServers.HOST,
                  "spring.rabbitmq.port=" + LocalServers.RABBIT_PORT,
                  "spring.rabbitmq.username=" + LocalServers.RABBIT_USER,
                  "spring.rabbitmq.password=" + LocalServers.RABBIT_PASSWORD,
                  "operations.messaging.prefix=" + prefix,
                  "operations.diagnostic-functions=true",
                  "operations.pool.name=" + POOL,
                  "operations.pool.functions=noop",
                  "operations.pool.concurrency=" + CONCURRENCY,
                  "operations.pool.prefetch=" + PREFETCH,
                  "operations.storage.root=" + storageRoot),
              logDir.resolve("throughput-benchmark-worker.log"));
      worker.awaitHealthy(START_TIMEOUT);
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (broker.consumers() < CONCURRENCY) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the worker did not consume within " + START_TIMEOUT);
        }
        Thread.sleep(100);
      }
      return new ServiceProcesses(scheduler, worker);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (worker != null) {
        worker.stop();
      }
      scheduler.stop();
      throw e;
    }
  }

  ServiceProcess scheduler() {
    return scheduler;
  }

  ServiceProcess worker() {
    return worker;
  }

  /**
   * Asks both to stop at once (their graceful stops overlap, so a Ctrl-C is not kept waiting for
   * one after the other), then waits for both.
   */
  @Override
  public void close() {
    worker.requestStop();
    scheduler.requestStop();
    worker.awaitStopped();
    scheduler.awaitStopped();
  }
}
