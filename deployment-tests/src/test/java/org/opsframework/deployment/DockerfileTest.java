package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Bindable;

class DockerfileTest {

  private static final List<String> LAYERS =
      List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  @ParameterizedTest
  @EnumSource(Application.class)
  void each_dockerfile_builds_its_own_module_and_extracts_the_jar_that_module_produces(
      Application application) {
    List<String> instructions = instructions(application);

    assertThat(instructions)
        .anySatisfy(
            instruction ->
                assertThat(instruction)
                    .startsWith("RUN ")
                    .contains("./mvnw -q -DskipTests -pl " + application.module + " -am package"));
    String extract =
        instructions.stream()
            .filter(instruction -> instruction.contains("-Djarmode=tools"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no jarmode=tools extraction"));
    assertThat(extract)
        .contains("-jar " + Poms.executableJar(application.module) + " ")
        .contains("extract --layers --launcher");
  }

  @ParameterizedTest
  @EnumSource(Application.class)
  void each_image_copies_the_layers_in_order_and_starts_the_boot_launcher(Application application) {
    List<String> instructions = instructions(application);

    List<String> copied = new ArrayList<>();
    Pattern layerCopy = Pattern.compile("COPY --from=builder /extracted/([a-z-]+)/ \\./");
    for (String instruction : instructions) {
      Matcher matcher = layerCopy.matcher(instruction);
      if (matcher.matches()) {
        copied.add(matcher.group(1));
      }
    }
    assertThat(copied).isEqualTo(LAYERS);
    assertThat(instructions)
        .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
  }

  @ParameterizedTest
  @EnumSource(Application.class)
  void each_image_runs_as_a_numeric_non_root_user_and_checks_the_readiness_group(
      Application application) {
    List<String> instructions = instructions(application);
    int port = application.binder(Map.of()).bind("server.port", Bindable.of(Integer.class)).get();

    assertThat(instructions)
        .filteredOn(instruction -> instruction.startsWith("USER "))
        .singleElement()
        .satisfies(user -> assertThat(user).matches("USER [1-9][0-9]*:[0-9]+"));
    assertThat(instructions)
        .filteredOn(instruction -> instruction.startsWith("HEALTHCHECK "))
        .singleElement()
        .satisfies(
            check ->
                assertThat(check)
                    .contains("${SERVER_PORT:-" + port + "}")
                    .contains("/actuator/health/readiness"));
    assertThat(instructions).contains("EXPOSE " + port);
  }

  @Test
  void the_docker_build_context_keeps_every_module_of_the_reactor() {
    List<String> patterns =
        RepositoryFiles.read(".dockerignore")
            .lines()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> needed = new ArrayList<>(Poms.modules());
    needed.addAll(List.of("pom.xml", "mvnw", ".mvn", "common/pom.xml", "common/src"));

    assertThat(patterns).contains("**/target");
    for (String pattern : patterns) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      assertThat(needed)
          .as(".dockerignore pattern %s", pattern)
          .noneMatch(path -> matcher.matches(Path.of(path)));
    }
  }

  /** The Dockerfile's instructions, continuation lines joined and comments dropped. */
  private static List<String> instructions(Application application) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : RepositoryFiles.read(application.module + "/Dockerfile").lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      instructions.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return instructions;
  }
}
