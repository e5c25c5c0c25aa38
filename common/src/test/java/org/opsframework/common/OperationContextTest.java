package org.opsframework.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationContextTest {

  @TempDir Path root;
  @TempDir Path outside;

  private OperationContext context() {
    return new OperationContext(UUID.randomUUID(), 1, Instant.now(), root, ProgressListener.NONE);
  }

  @Test
  void a_source_reached_through_a_link_out_of_the_root_is_refused() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link"), outside);

    assertThatThrownBy(() -> context().source("link/secret.txt"))
        .isInstanceOf(OperationFailure.class)
        .hasMessageContaining("leaves the storage root through a symbolic link");
  }

  @Test
  void a_target_gets_its_missing_folders_under_the_root() throws Exception {
    Path target = context().target("a/b/out.jpg");

    assertThat(target).isEqualTo(root.toRealPath().resolve("a/b/out.jpg"));
    assertThat(Files.isDirectory(root.resolve("a/b"))).isTrue();
  }

  @Test
  void a_target_through_a_link_out_of_the_root_creates_nothing_outside() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), outside);

    assertThatThrownBy(() -> context().target("link/sub/out.jpg"))
        .isInstanceOf(OperationFailure.class);
    assertThat(Files.exists(outside.resolve("sub"))).isFalse();
  }
}
