package org.opsframework.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opsframework.common.messaging.Topology;
import org.opsframework.scheduler.SchedulerApplication;
import org.opsframework.worker.WorkerApplication;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One isolated installation for a test class: its own database and its own RabbitMQ prefix on the
 * real servers, schedulers and workers started on demand, and everything removed on close.
 */
final class TestPlatform implements AutoCloseable {

  static final String TOKEN = "test-token-0123456789abcdef";

  private final String database;
  private final String prefix;
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<String> pools = new ArrayList<>();
  private final SingleConnectionDataSource dataSource;
  private final JdbcClient jdbc;

  private TestPlatform(String name) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    this.database = "it_" + name + "_" + suffix;
    this.prefix = "it-" + name + "-" + suffix;
    execute("CREATE DATABASE " + database);
    this.dataSource =
        new SingleConnectionDataSource(
            databaseUrl(), TestServers.postgresUser(), TestServers.postgresPassword(), true);
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** A fresh database and prefix named after the test class. */
  static TestPlatform create(String name) {
    return new TestPlatform(name.toLowerCase().replaceAll("[^a-z0-9]", ""));
  }

  String databaseUrl() {
    return TestServers.postgresServerUrl() + database;
  }

  String prefix() {
    return prefix;
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  /** Starts a scheduler on a random port; {@code overrides} are extra {@code key=value} props. */
  ConfigurableApplicationContext startScheduler(String... overrides) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SchedulerApplication.class).run(schedulerArguments(overrides));
    contexts.add(context);
    return context;
  }

  /** The command-line arguments of a scheduler of this installation. */
  String[] schedulerArguments(String... overrides) {
    List<String> props = new ArrayList<>(common());
    props.add("spring.datasource.url=" + databaseUrl());
    props.add("spring.datasource.username=" + TestServers.postgresUser());
    props.add("spring.datasource.password=" + TestServers.postgresPassword());
    props.add("operations.api.token=" + TOKEN);
    props.add(
        "operations.trigger-functions=generateThumbnail,generateRendition,extractMetadata,"
            + "computeChecksum,"
            + TestFunctions.NAMES);
    props.add("operations.retry.backoff-base=50ms");
    props.add("operations.retry.backoff-max=200ms");
    props.addAll(List.of(overrides));
    return arguments(props);
  }

  /** Starts a worker for {@code pool} in this JVM, with the test functions available. */
  ConfigurableApplicationContext startWorker(
      String pool, String functions, int concurrency, Path storageRoot, String... overrides) {
    List<String> props =
        new ArrayList<>(workerProperties(pool, functions, concurrency, storageRoot));
    props.addAll(List.of(overrides));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WorkerApplication.class, TestFunctions.class)
            .run(arguments(props));
    contexts.add(context);
    pools.add(pool);
    return context;
  }

  /** Starts a worker for {@code pool} as a separate JVM, and waits until it consumes. */
  Process startWorkerProcess(String pool, String functions, Path storageRoot, Path log)
      throws Exception {
    Process process = launchWorkerProcess(pool, functions, storageRoot, log);
    await("worker process consuming")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !process.isAlive() || consumers(pool) > 0);
    if (!process.isAlive()) {
      throw new IllegalStateException("worker process exited; see " + log);
    }
    return process;
  }

  /** Starts a worker for {@code pool} as a separate JVM and returns at once. */
  Process launchWorkerProcess(
      String pool, String functions, Path storageRoot, Path log, String... overrides)
      throws Exception {
    List<String> props = new ArrayList<>(workerProperties(pool, functions, 1, storageRoot));
    props.addAll(List.of(overrides));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ProcessWorker.class.getName());
    command.addAll(List.of(arguments(props)));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    processes.add(process);
    pools.add(pool);
    return process;
  }

  ApiClient api(ConfigurableApplicationContext scheduler) {
    int port =
        Integer.parseInt(scheduler.getEnvironment().getRequiredProperty("local.server.port"));
    return new ApiClient(port, TOKEN);
  }

  /** Consumers currently attached to a pool's queue, as the broker sees them. */
  int consumers(String pool) {
    CachingConnectionFactory connections = connectionFactory();
    try {
      RabbitAdmin admin = new RabbitAdmin(connections);
      var info = admin.getQueueInfo(new Topology(prefix, 5).poolQueue(pool));
      return info == null ? 0 : info.getConsumerCount();
    } finally {
      connections.destroy();
    }
  }

  private List<String> workerProperties(
      String pool, String functions, int concurrency, Path storageRoot) {
    List<String> props = new ArrayList<>(common());
    props.add("operations.pool.name=" + pool);
    props.add("operations.pool.functions=" + functions);
    props.add("operations.pool.concurrency=" + concurrency);
    props.add("operations.storage.root=" + storageRoot);
    props.add("operations.diagnostic-functions=true");
    props.add("operations.execution.touch-interval=1s");
    return props;
  }

  /**
   * Properties as command-line arguments, which override the services' application.yml. A later
   * value for the same key replaces an earlier one (Spring would join repeated arguments).
   */
  private static String[] arguments(List<String> props) {
    java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
    for (String prop : props) {
      int eq = prop.indexOf('=');
      byKey.remove(prop.substring(0, eq));
      byKey.put(prop.substring(0, eq), prop);
    }
    return byKey.values().stream().map(p -> "--" + p).toArray(String[]::new);
  }

  private List<String> common() {
    return List.of(
        "server.port=0",
        "spring.rabbitmq.host=" + TestServers.rabbitHost(),
        "spring.rabbitmq.port=" + TestServers.rabbitPort(),
        "spring.rabbitmq.username=" + TestServers.rabbitUser(),
        "spring.rabbitmq.password=" + TestServers.rabbitPassword(),
        "operations.messaging.prefix=" + prefix,
        "logging.level.root=WARN",
        "logging.level.org.opsframework=INFO",
        "spring.main.banner-mode=off");
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (int i = contexts.size() - 1; i >= 0; i--) {
      contexts.get(i).close();
    }
    dataSource.destroy();
    removeBrokerObjects();
    execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private void removeBrokerObjects() {
    Topology topology = new Topology(prefix, 5);
    CachingConnectionFactory connections = connectionFactory();
    try {
      RabbitAdmin admin = new RabbitAdmin(connections);
      for (String pool : pools) {
        admin.deleteQueue(topology.poolQueue(pool));
      }
      admin.deleteQueue(topology.resultsQueue());
      admin.deleteQueue(topology.deadOperationsQueue());
      admin.deleteQueue(topology.deadResultsQueue());
      admin.deleteExchange(topology.operationsExchange());
      admin.deleteExchange(topology.deadLetterExchange());
    } finally {
      connections.destroy();
    }
  }

  private static CachingConnectionFactory connectionFactory() {
    CachingConnectionFactory connections =
        new CachingConnectionFactory(TestServers.rabbitHost(), TestServers.rabbitPort());
    connections.setUsername(TestServers.rabbitUser());
    connections.setPassword(TestServers.rabbitPassword());
    return connections;
  }

  private static void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(
                TestServers.postgresServerUrl() + "postgres",
                TestServers.postgresUser(),
                TestServers.postgresPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** The samples shipped with the repository. */
  static Path samples() {
    return Path.of("..", "samples", "images").toAbsolutePath().normalize();
  }
}
