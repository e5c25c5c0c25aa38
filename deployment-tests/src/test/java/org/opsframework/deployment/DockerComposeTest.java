package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.worker.config.WorkerProperties;

class DockerComposeTest {

  private static final String RABBITMQ_CONF = "deploy/rabbitmq/rabbitmq.conf";

  @Test
  void docker_compose_accepts_the_compose_file() throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
              .directory(RepositoryFiles.ROOT.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException notInstalled) {
      fail(
          "docker-compose is not installed, so the compose file cannot be checked; install it"
              + " with: apt-get install -y docker-compose (%s)",
          notInstalled.getMessage());
      return;
    }

    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("docker-compose config finished within 60 s").isTrue();
    assertThat(process.exitValue()).as("docker-compose config -q said: %s", output).isZero();
  }

  @Test
  void the_stack_runs_postgres_rabbitmq_the_scheduler_and_the_two_demo_pools() {
    Map<String, Object> services = services();

    assertThat(services)
        .containsOnlyKeys("postgres", "rabbitmq", "scheduler", "worker-images", "worker-metadata");
    assertThat(worker("worker-images").pool())
        .isEqualTo(
            new WorkerProperties.Pool(
                "images", 4, 1, List.of("generateThumbnail", "generateRendition")));
    assertThat(worker("worker-metadata").pool())
        .isEqualTo(
            new WorkerProperties.Pool(
                "metadata", 4, 1, List.of("extractMetadata", "computeChecksum")));
    assertThat(YamlTree.string(services, "scheduler.build.dockerfile"))
        .isEqualTo("scheduler-service/Dockerfile");
    assertThat(YamlTree.string(services, "worker-images.build.dockerfile"))
        .isEqualTo("worker-service/Dockerfile");
  }

  @Test
  void every_service_has_a_health_check_and_waits_for_the_health_of_what_it_needs() {
    Map<String, Object> services = services();

    assertThat(services.keySet())
        .allSatisfy(
            service ->
                assertThat(YamlTree.at(services, service + ".healthcheck.test")).isNotNull());
    assertThat(dependencies("scheduler"))
        .containsOnly(
            Map.entry("postgres", "service_healthy"), Map.entry("rabbitmq", "service_healthy"));
    for (String worker : List.of("worker-images", "worker-metadata")) {
      assertThat(dependencies(worker))
          .containsOnly(
              Map.entry("rabbitmq", "service_healthy"), Map.entry("scheduler", "service_healthy"));
      assertReadinessCheck(services, worker, Application.WORKER);
    }
    assertReadinessCheck(services, "scheduler", Application.SCHEDULER);
  }

  /** The service's health check asks the application's readiness group on its own port. */
  private static void assertReadinessCheck(
      Map<String, Object> services, String service, Application application) {
    int port = application.binder(Map.of()).bind("server.port", Integer.class).get();
    assertThat(YamlTree.string(services, service + ".healthcheck.test"))
        .as("health check of %s", service)
        .contains("/dev/tcp/127.0.0.1/" + port + " ")
        .contains("/actuator/health/readiness");
  }

  @Test
  void the_scheduler_and_the_workers_share_the_storage_root_with_the_sample_images_in_it() {
    for (String service : List.of("scheduler", "worker-images", "worker-metadata")) {
      assertThat(YamlTree.list(services(), service + ".volumes"))
          .as(service)
          .contains("storage:/srv/storage", "./samples/images:/srv/storage/input:ro");
    }
    assertThat(worker("worker-images").storage().root()).hasToString("/srv/storage");
    assertThat(RepositoryFiles.yaml("docker-compose.yml"))
        .extractingByKey("volumes")
        .satisfies(volumes -> assertThat(YamlTree.has(volumes, "storage")).isTrue());
  }

  @Test
  void the_broker_lets_a_worker_hold_an_operation_longer_than_the_longest_run() {
    Duration consumerTimeout = Duration.ofMillis(consumerTimeoutMillis());
    SchedulerProperties defaults = (SchedulerProperties) Application.SCHEDULER.bind(Map.of());

    assertThat(YamlTree.list(services(), "rabbitmq.volumes"))
        .contains("./" + RABBITMQ_CONF + ":/etc/rabbitmq/conf.d/90-operations.conf:ro");
    assertThat(consumerTimeout).isGreaterThan(defaults.dispatch().executionTimeout());
    assertThat(YamlTree.at(Chart.defaultValues(), "broker.consumerTimeout"))
        .isEqualTo((int) consumerTimeout.toMillis());
  }

  private static long consumerTimeoutMillis() {
    Matcher matcher =
        Pattern.compile("(?m)^consumer_timeout\\s*=\\s*(\\d+)\\s*$")
            .matcher(RepositoryFiles.read(RABBITMQ_CONF));
    assertThat(matcher.find()).as("consumer_timeout in %s", RABBITMQ_CONF).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static Map<String, Object> services() {
    return YamlTree.map(RepositoryFiles.yaml("docker-compose.yml"), "services");
  }

  private static Map<String, Object> dependencies(String service) {
    Map<String, Object> conditions = new LinkedHashMap<>();
    YamlTree.map(services(), service + ".depends_on")
        .forEach(
            (name, dependency) -> conditions.put(name, YamlTree.string(dependency, "condition")));
    return conditions;
  }

  /** What a worker service of the compose file binds from the environment it is given. */
  private static WorkerProperties worker(String service) {
    Map<String, String> environment = new LinkedHashMap<>();
    YamlTree.map(services(), service + ".environment")
        .forEach((name, value) -> environment.put(name, String.valueOf(value)));
    return (WorkerProperties) Application.WORKER.bind(environment);
  }
}
