package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2025, 12, 4, 15, 30, 12);

  @TempDir Path temp;

  @Test
  void a_run_folder_is_named_after_the_time_and_has_a_logs_folder() {
    RunFolder folder = RunFolder.create(temp.resolve("demo-output"), NOW);

    assertThat(folder.name()).isEqualTo("20251204-153012");
    assertThat(folder.root()).isEqualTo(temp.resolve("demo-output/20251204-153012"));
    assertThat(folder.logs()).isDirectory();
  }

  @Test
  void two_runs_in_the_same_second_get_different_folders() {
    RunFolder first = RunFolder.create(temp, NOW);
    RunFolder second = RunFolder.create(temp, NOW);

    assertThat(second.name()).isEqualTo("20251204-153012-2");
    assertThat(second.root()).isNotEqualTo(first.root());
  }

  @Test
  void an_unused_run_folder_is_discarded_but_one_with_logs_stays() throws IOException {
    RunFolder unused = RunFolder.create(temp, NOW);
    RunFolder used = RunFolder.create(temp, NOW);
    Files.writeString(used.logs().resolve("scheduler.log"), "started");

    unused.discardIfUnused();
    used.discardIfUnused();

    assertThat(unused.root()).doesNotExist();
    assertThat(used.logs().resolve("scheduler.log")).hasContent("started");
  }

  @Test
  void images_are_copied_below_input_keeping_their_sub_folders() throws IOException {
    Path source = Files.createDirectories(temp.resolve("photos/orientation"));
    Files.writeString(source.resolve("f1.jpg"), "jpeg bytes");
    RunFolder folder = RunFolder.create(temp.resolve("out"), NOW);

    folder.copyInputs(List.of(new DemoImage(source.resolve("f1.jpg"), "orientation/f1.jpg")));

    assertThat(folder.root().resolve("input/orientation/f1.jpg")).hasContent("jpeg bytes");
  }
}
