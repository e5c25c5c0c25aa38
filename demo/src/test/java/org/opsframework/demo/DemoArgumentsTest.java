package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoArgumentsTest {

  private static final Path SAMPLES = Path.of("/repo/samples/images");

  @Test
  void no_arguments_mean_the_sample_images_and_a_three_minute_timeout() {
    DemoArguments arguments = DemoArguments.parse(List.of(), SAMPLES);

    assertThat(arguments.folder()).isEqualTo(SAMPLES);
    assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(arguments.keepDatabase()).isFalse();
    assertThat(arguments.help()).isFalse();
  }

  @Test
  void keep_database_keeps_the_runs_database() {
    DemoArguments arguments = DemoArguments.parse(List.of("photos", "--keep-database"), SAMPLES);

    assertThat(arguments.keepDatabase()).isTrue();
    assertThat(arguments.folder()).isEqualTo(Path.of("photos"));
  }

  @Test
  void the_usage_names_every_option_and_the_runs_own_database() {
    assertThat(DemoArguments.USAGE)
        .contains("[--timeout=SECONDS] [--keep-database]")
        .contains("--keep-database    keep the run's database afterwards")
        .contains("operations_demo_<timestamp>, dropped when the run stops");
  }

  @Test
  void a_folder_and_a_timeout_are_taken_in_any_order() {
    DemoArguments arguments = DemoArguments.parse(List.of("--timeout=30", "photos"), SAMPLES);

    assertThat(arguments.folder()).isEqualTo(Path.of("photos"));
    assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void help_wins_over_everything_else() {
    assertThat(DemoArguments.parse(List.of("photos", "--help"), SAMPLES).help()).isTrue();
    assertThat(DemoArguments.parse(List.of("-h"), SAMPLES).help()).isTrue();
  }

  @Test
  void a_timeout_that_is_not_a_positive_number_is_a_usage_error() {
    for (String value : List.of("0", "-5", "soon", "", "1.5")) {
      assertThatThrownBy(() -> DemoArguments.parse(List.of("--timeout=" + value), SAMPLES))
          .isInstanceOfSatisfying(
              DemoFailure.class, e -> assertThat(e.exitCode()).isEqualTo(DemoFailure.USAGE))
          .hasMessageContaining("--timeout must be a positive whole number of seconds")
          .hasMessageContaining("'" + value + "'");
    }
  }

  @Test
  void an_unknown_option_is_a_usage_error_that_shows_the_usage() {
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--fast"), SAMPLES))
        .isInstanceOfSatisfying(
            DemoFailure.class, e -> assertThat(e.exitCode()).isEqualTo(DemoFailure.USAGE))
        .hasMessageContaining("unknown option '--fast'")
        .hasMessageContaining("Usage: bin/demo");
  }

  @Test
  void two_folders_are_a_usage_error() {
    assertThatThrownBy(() -> DemoArguments.parse(List.of("a", "b"), SAMPLES))
        .isInstanceOf(DemoFailure.class)
        .hasMessageContaining("only one FOLDER may be given, got 'a' and 'b'");
  }

  @Test
  void a_blank_folder_is_a_usage_error() {
    assertThatThrownBy(() -> DemoArguments.parse(List.of(" "), SAMPLES))
        .isInstanceOf(DemoFailure.class)
        .hasMessage("FOLDER must not be empty");
  }
}
