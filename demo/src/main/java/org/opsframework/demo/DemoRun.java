package org.opsframework.demo;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of the demo, step by step: find the images, create the run's output folder and database,
 * start the scheduler and two worker pools, submit the operations, wait, report, stop the services
 * and drop the database.
 */
final class DemoRun {

  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);

  private final Path repoRoot;
  private final Map<String, String> env;
  private final PrintStream out;
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .proxy(HttpClient.Builder.NO_PROXY)
          .build();

  DemoRun(Path repoRoot, Map<String, String> env, PrintStream out) {
    this.repoRoot = repoRoot;
    this.env = env;
    this.out = out;
  }

  /** Runs the demo and returns its exit code. */
  int run(List<String> args) {
    DemoArguments arguments =
        DemoArguments.parse(args, repoRoot.resolve("samples").resolve("images"));
    if (arguments.help()) {
      out.print(DemoArguments.USAGE);
      return 0;
    }
    FoundImages found = ImageFinder.find(arguments.folder());
    DemoEnvironment services = DemoEnvironment.fromEnv(env);

    RunningServices running = new RunningServices(out).stopOnExit();
    try {
      ServiceCommands commands = prepare(arguments, found, services, running);
      return runWith(commands, running, found.images(), arguments.timeout());
    } catch (DemoFailure e) {
      // say what went wrong before the services' shutdown adds its own lines; on Ctrl-C the
      // services die with the demo, and their exit is no news
      Demo.printFailure(
          out, running.isExiting() ? DemoFailure.failed("interrupted; stopping the services") : e);
      return e.exitCode();
    } finally {
      running.stopAll();
    }
  }

  private ServiceCommands prepare(
      DemoArguments arguments,
      FoundImages found,
      DemoEnvironment services,
      RunningServices running) {
    for (Path jar : ServiceCommands.jars(repoRoot)) {
      if (!Files.isRegularFile(jar)) {
        throw DemoFailure.failed(
            jar + " is missing; build it with `./mvnw -q -DskipTests package` (bin/demo does)");
      }
    }
    if (!Ports.acceptsConnections(services.rabbitHost(), services.rabbitPort())) {
      throw DemoFailure.failed(
          "RabbitMQ is not reachable at "
              + services.rabbitHost()
              + ":"
              + services.rabbitPort()
              + "; start it (DEMO_RABBIT_HOST and DEMO_RABBIT_PORT point the demo elsewhere)");
    }

    RunFolder folder = RunFolder.create(repoRoot.resolve("demo-output"), LocalDateTime.now());
    String database = DemoDatabase.nameFor(folder.name());
    try {
      DemoDatabase.create(services, database);
    } catch (DemoFailure e) {
      folder.discardIfUnused();
      throw e;
    }
    // dropped after the services stopped, also when Ctrl-C ends the demo
    running.afterStopping(
        () -> {
          if (arguments.keepDatabase()) {
            out.println("Kept database " + database + " (--keep-database).");
          } else {
            dropDatabase(services, database);
          }
        });
    folder.copyInputs(found.images());
    String prefix = "demo-" + folder.name();
    // the run's queues and exchanges go too, once the services that declared them have stopped
    running.afterStopping(() -> removeBrokerObjects(services, prefix));

    out.println("Operations framework demo");
    out.println(
        "  images:    "
            + found.images().size()
            + " from "
            + arguments.folder().toAbsolutePath()
            + (found.skippedLinks() > 0
                ? " (skipped " + ImageFinder.linkCount(found.skippedLinks()) + ")"
                : ""));
    out.println("  output:    " + folder.root());
    out.printf(
        "  database:  %s on %s:%d (created for this run; %s)%n",
        database,
        services.dbHost(),
        services.dbPort(),
        arguments.keepDatabase() ? "kept afterwards" : "dropped when it stops");
    out.printf(
        "  messaging: prefix %s on RabbitMQ %s:%d%n",
        prefix, services.rabbitHost(), services.rabbitPort());

    return new ServiceCommands(
        javaExecutable(), repoRoot, services, database, prefix, randomToken(), folder.root());
  }

  private void removeBrokerObjects(DemoEnvironment services, String prefix) {
    try {
      DemoBroker.removeObjects(services, prefix, List.of("images", "metadata"));
      out.println("Removed the RabbitMQ queues and exchanges of prefix " + prefix + ".");
    } catch (DemoFailure e) {
      Demo.printFailure(out, e);
    }
  }

  private void dropDatabase(DemoEnvironment services, String database) {
    try {
      DemoDatabase.drop(services, database);
      out.println("Dropped database " + database + ".");
    } catch (DemoFailure e) {
      Demo.printFailure(
          out,
          DemoFailure.failed(
              e.getMessage()
                  + "\nThe database "
                  + database
                  + " is left behind; drop it yourself."));
    }
  }

  private int runWith(
      ServiceCommands commands, RunningServices running, List<DemoImage> images, Duration timeout) {
    Path logs = commands.storageRoot().resolve("logs");
    int schedulerPort = Ports.freeLoopbackPort();
    int imagesPort = Ports.freeLoopbackPort();
    int metadataPort = Ports.freeLoopbackPort();

    out.println("Starting the scheduler and the worker pools images and metadata ...");
    ServiceProcess scheduler =
        running.add(
            ServiceProcess.start(
                "scheduler",
                commands.scheduler(schedulerPort),
                schedulerPort,
                logs.resolve("scheduler.log"),
                repoRoot));
    ServiceProcess imagesPool =
        running.add(
            ServiceProcess.start(
                "worker pool images",
                commands.worker(imagesPort, "images", ServiceCommands.IMAGES_FUNCTIONS),
                imagesPort,
                logs.resolve("worker-images.log"),
                repoRoot));
    ServiceProcess metadataPool =
        running.add(
            ServiceProcess.start(
                "worker pool metadata",
                commands.worker(metadataPort, "metadata", ServiceCommands.METADATA_FUNCTIONS),
                metadataPort,
                logs.resolve("worker-metadata.log"),
                repoRoot));

    HealthProbe probe = new HealthProbe(http, json);
    for (ServiceProcess service : List.of(scheduler, imagesPool, metadataPool)) {
      Duration took = service.awaitHealthy(probe, HEALTH_TIMEOUT);
      out.printf(
          "  %-21s up on 127.0.0.1:%d after %.1f s (pid %d)%n",
          service.name(), service.port(), took.toMillis() / 1000.0, service.pid());
    }

    OperationsClient client = new OperationsClient(http, schedulerPort, commands.apiToken(), json);
    List<OperationView> submitted = client.submitBatch(OperationRequests.batch(images, json));
    out.printf(
        "Submitted %d operations (4 per image) in one batch; waiting up to %d s ...%n",
        submitted.size(), timeout.toSeconds());

    List<OperationView> finished =
        new CompletionWaiter(client, scheduler, running, out).await(submitted, timeout);

    return report(finished, commands.storageRoot());
  }

  private int report(List<OperationView> operations, Path storageRoot) {
    out.println();
    out.print(ResultTable.render(operations));
    out.println();
    out.println("Outputs:  " + storageRoot + " (thumbnails/, renditions/)");
    out.println("Logs:     " + storageRoot.resolve("logs"));

    StatusCounts counts = StatusCounts.of(operations);
    long unfinished = operations.stream().filter(op -> !op.isTerminal()).count();
    out.println("Summary:  " + counts.total() + " operations: " + counts);
    if (unfinished > 0) {
      out.println(unfinished + " operations did not reach a terminal state in time.");
      return DemoFailure.FAILED;
    }
    return 0;
  }

  private static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
