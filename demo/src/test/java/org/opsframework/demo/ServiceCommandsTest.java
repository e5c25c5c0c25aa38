package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCommandsTest {

  private final ServiceCommands commands =
      new ServiceCommands(
          Path.of("/jdk/bin/java"),
          Path.of("/repo"),
          DemoEnvironment.fromEnv(Map.of()),
          "operations_demo_20251204_153000",
          "demo-20251204-153000",
          "secret",
          Path.of("/repo/demo-output/20251204-153000"));

  @Test
  void the_scheduler_gets_the_runs_own_database_the_token_and_the_runs_messaging_prefix() {
    assertThat(commands.scheduler(8081))
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx256m",
            "-jar",
            "/repo/scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT-exec.jar",
            "--server.port=8081",
            "--server.address=127.0.0.1",
            "--spring.rabbitmq.host=127.0.0.1",
            "--spring.rabbitmq.port=5672",
            "--operations.messaging.prefix=demo-20251204-153000",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/operations_demo_20251204_153000",
            "--spring.datasource.username=postgres",
            "--operations.api.token=secret");
  }

  @Test
  void a_worker_gets_its_pool_functions_concurrency_and_the_storage_root() {
    assertThat(commands.worker(8082, "images", ServiceCommands.IMAGES_FUNCTIONS))
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx256m",
            "-jar",
            "/repo/worker-service/target/worker-service-0.1.0-SNAPSHOT-exec.jar",
            "--server.port=8082",
            "--server.address=127.0.0.1",
            "--spring.rabbitmq.host=127.0.0.1",
            "--spring.rabbitmq.port=5672",
            "--operations.messaging.prefix=demo-20251204-153000",
            "--operations.pool.name=images",
            "--operations.pool.functions=generateThumbnail,generateRendition",
            "--operations.pool.concurrency=2",
            "--operations.storage.root=/repo/demo-output/20251204-153000");
  }

  @Test
  void a_database_password_is_passed_only_when_one_is_set() {
    ServiceCommands withPassword =
        new ServiceCommands(
            Path.of("java"),
            Path.of("/repo"),
            DemoEnvironment.fromEnv(Map.of("DEMO_DB_PASSWORD", "pw", "DEMO_DB_PORT", "6543")),
            "operations_demo_x",
            "p",
            "t",
            Path.of("/s"));

    assertThat(withPassword.scheduler(1))
        .contains(
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:6543/operations_demo_x",
            "--spring.datasource.password=pw");
    assertThat(commands.scheduler(1)).noneMatch(arg -> arg.contains("password"));
  }
}
