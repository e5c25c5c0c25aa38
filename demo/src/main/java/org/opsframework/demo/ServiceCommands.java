package org.opsframework.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that start the scheduler and the worker pools for one demo run. Every service
 * binds to the loopback address and uses the run's own database and messaging prefix, so runs never
 * share operations, exchanges or queues.
 *
 * @param java the {@code java} executable
 * @param repoRoot the repository, where the services' jars are built
 * @param env where PostgreSQL and RabbitMQ are
 * @param database the run's own database, on {@code env}'s PostgreSQL
 * @param messagingPrefix the prefix of this run's exchange and queue names
 * @param apiToken the bearer token the scheduler's REST API accepts
 * @param storageRoot the folder the workers read inputs from and write outputs to
 */
record ServiceCommands(
    Path java,
    Path repoRoot,
    DemoEnvironment env,
    String database,
    String messagingPrefix,
    String apiToken,
    Path storageRoot) {

  static final String MAX_HEAP = "-Xmx256m";

  /** Functions of the pool that makes pictures. */
  static final String IMAGES_FUNCTIONS = "generateThumbnail,generateRendition";

  /** Functions of the pool that reads facts about files. */
  static final String METADATA_FUNCTIONS = "extractMetadata,computeChecksum";

  static final int POOL_CONCURRENCY = 2;

  /** The jars the demo starts, as the root build leaves them. */
  static List<Path> jars(Path repoRoot) {
    return List.of(schedulerJar(repoRoot), workerJar(repoRoot));
  }

  static Path schedulerJar(Path repoRoot) {
    return repoRoot.resolve("scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT-exec.jar");
  }

  static Path workerJar(Path repoRoot) {
    return repoRoot.resolve("worker-service/target/worker-service-0.1.0-SNAPSHOT-exec.jar");
  }

  List<String> scheduler(int port) {
    List<String> command = start(schedulerJar(repoRoot), port);
    command.add("--spring.datasource.url=" + env.jdbcUrl(database));
    command.add("--spring.datasource.username=" + env.dbUser());
    if (!env.dbPassword().isEmpty()) {
      command.add("--spring.datasource.password=" + env.dbPassword());
    }
    command.add("--operations.api.token=" + apiToken);
    return command;
  }

  List<String> worker(int port, String pool, String functions) {
    List<String> command = start(workerJar(repoRoot), port);
    command.add("--operations.pool.name=" + pool);
    command.add("--operations.pool.functions=" + functions);
    command.add("--operations.pool.concurrency=" + POOL_CONCURRENCY);
    command.add("--operations.storage.root=" + storageRoot.toAbsolutePath());
    return command;
  }

  private List<String> start(Path jar, int port) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(MAX_HEAP);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--spring.rabbitmq.host=" + env.rabbitHost());
    command.add("--spring.rabbitmq.port=" + env.rabbitPort());
    command.add("--operations.messaging.prefix=" + messagingPrefix);
    return command;
  }
}
