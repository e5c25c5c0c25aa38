package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningServicesTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final RunningServices running =
      new RunningServices(new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Test
  void clean_ups_run_once_when_the_services_stop_even_if_stopping_is_asked_twice() {
    List<String> ran = new ArrayList<>();
    running.afterStopping(() -> ran.add("drop database"));
    running.afterStopping(() -> ran.add("second"));
    assertThat(ran).isEmpty();

    running.stopAll();
    running.stopAll();

    assertThat(ran).containsExactly("drop database", "second");
  }

  @Test
  void a_clean_up_added_after_the_stop_runs_at_once() {
    running.stopAll();
    List<String> ran = new ArrayList<>();

    running.afterStopping(() -> ran.add("late"));

    assertThat(ran).containsExactly("late");
  }

  @Test
  void a_failing_clean_up_is_reported_and_the_next_one_still_runs() {
    List<String> ran = new ArrayList<>();
    running.afterStopping(
        () -> {
          throw DemoFailure.failed("cannot drop database x");
        });
    running.afterStopping(() -> ran.add("next"));

    running.stopAll();

    assertThat(ran).containsExactly("next");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot drop database x");
  }
}
