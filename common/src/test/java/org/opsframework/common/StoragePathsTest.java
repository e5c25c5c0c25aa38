package org.opsframework.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoragePathsTest {

  @TempDir Path root;
  @TempDir Path outside;

  @Test
  void field_names_path_and_ending_in_path_hold_storage_paths() {
    assertThat(StoragePaths.isPathField("path")).isTrue();
    assertThat(StoragePaths.isPathField("targetPath")).isTrue();
    assertThat(StoragePaths.isPathField("pathology")).isFalse();
  }

  @Test
  void a_path_that_climbs_out_is_refused_without_touching_the_file_system() {
    assertThat(StoragePaths.problem("a/../../x")).contains("leaves the storage root");
    assertThat(StoragePaths.problem("/etc/hostname")).isPresent();
    assertThat(StoragePaths.problem("a/../b")).isEmpty();
  }

  @Test
  void resolving_for_write_creates_the_missing_folders_under_the_root() throws Exception {
    Path target = StoragePaths.resolveForWrite(root, "a/b/c.jpg");

    assertThat(target).isEqualTo(root.toAbsolutePath().resolve("a/b/c.jpg"));
    assertThat(root.resolve("a/b")).isDirectory();
    assertThat(target).doesNotExist();
  }

  @Test
  void a_target_in_a_folder_linked_out_of_the_root_is_refused() throws Exception {
    Files.createSymbolicLink(root.resolve("linkdir"), outside);

    assertRefusedForWrite("linkdir/pwned.jpg")
        .hasMessage("path 'linkdir/pwned.jpg' leaves the storage root through a symbolic link");
  }

  @Test
  void no_folder_is_created_outside_before_the_link_is_refused() throws Exception {
    Files.createSymbolicLink(root.resolve("linkdir"), outside);

    assertRefusedForWrite("linkdir/sub/deeper/pwned2.png")
        .hasMessage(
            "path 'linkdir/sub/deeper/pwned2.png' leaves the storage root through a symbolic link");

    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_linked_folder_deeper_down_is_found_too() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/renditions"), outside);

    assertRefusedForWrite("a/b/renditions/x/y.png")
        .hasMessage(
            "path 'a/b/renditions/x/y.png' leaves the storage root through a symbolic link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_folder_linked_to_another_folder_under_the_root_is_allowed() throws Exception {
    Path real = Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), real);

    Path target = StoragePaths.resolveForWrite(root, "alias/new/x.jpg");

    assertThat(target).isEqualTo(root.toAbsolutePath().resolve("alias/new/x.jpg"));
    assertThat(real.resolve("new")).isDirectory();
  }

  @Test
  void a_storage_root_that_is_itself_a_link_works() throws Exception {
    Path link = Files.createSymbolicLink(outside.resolve("root-link"), root);

    Path target = StoragePaths.resolveForWrite(link, "thumbnails/x.jpg");

    assertThat(target).isEqualTo(link.toAbsolutePath().resolve("thumbnails/x.jpg"));
    assertThat(root.resolve("thumbnails")).isDirectory();
  }

  @Test
  void a_link_that_leads_nowhere_is_refused() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing"));

    assertRefusedForWrite("dangling/x.jpg")
        .hasMessage(
            "path 'dangling/x.jpg' goes through a symbolic link that leads nowhere"
                + " ('dangling')");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_file_where_a_folder_is_needed_is_a_permanent_failure() throws Exception {
    Files.writeString(root.resolve("coffee.png"), "an image");

    assertRefusedForWrite("coffee.png/x.jpg")
        .hasMessage(
            "path 'coffee.png/x.jpg' cannot be written: 'coffee.png' is a file, not a folder");
    assertRefusedForWrite("coffee.png/a/b/x.jpg")
        .hasMessage(
            "path 'coffee.png/a/b/x.jpg' cannot be written: 'coffee.png' is a file, not a folder");
  }

  @Test
  void a_target_that_is_a_symbolic_link_is_refused_even_when_it_points_inside() throws Exception {
    Path inside = Files.writeString(root.resolve("real.jpg"), "inside");
    Path secret = Files.writeString(outside.resolve("secret"), "outside");
    Files.createSymbolicLink(root.resolve("in.jpg"), inside);
    Files.createSymbolicLink(root.resolve("out.jpg"), secret);

    assertRefusedForWrite("in.jpg")
        .hasMessage("path 'in.jpg' is a symbolic link; a link is never written through");
    assertRefusedForWrite("out.jpg")
        .hasMessage("path 'out.jpg' is a symbolic link; a link is never written through");
  }

  @Test
  void the_storage_root_itself_is_no_file_to_write() {
    assertRefusedForWrite(".").hasMessage("path '.' is the storage root itself, not a file in it");
  }

  @Test
  void a_path_that_climbs_out_is_refused_before_writing_too() {
    assertRefusedForWrite("a/../../x.jpg")
        .hasMessage("path 'a/../../x.jpg' leaves the storage root");
  }

  @Test
  void an_existing_file_is_resolved_through_links_that_stay_under_the_root() throws Exception {
    Path real =
        Files.writeString(Files.createDirectories(root.resolve("real")).resolve("a.jpg"), "");
    Files.createSymbolicLink(root.resolve("alias"), real.getParent());
    Files.createSymbolicLink(root.resolve("b.jpg"), real);

    assertThat(StoragePaths.resolveExisting(root, "alias/a.jpg"))
        .isEqualTo(root.toAbsolutePath().resolve("alias/a.jpg"));
    assertThat(StoragePaths.resolveExisting(root, "b.jpg"))
        .isEqualTo(root.toAbsolutePath().resolve("b.jpg"));
  }

  @Test
  void an_existing_file_behind_a_link_out_of_the_root_is_refused() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("linkdir"), outside);
    Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

    for (String path : new String[] {"linkdir/secret.txt", "secret.txt"}) {
      assertThatThrownBy(() -> StoragePaths.resolveExisting(root, path))
          .isInstanceOfSatisfying(
              OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
          .hasMessage("path '" + path + "' leaves the storage root through a symbolic link");
    }
  }

  @Test
  void a_missing_file_is_reported_as_missing() {
    assertThatThrownBy(() -> StoragePaths.resolveExisting(root, "gone.jpg"))
        .isInstanceOf(NoSuchFileException.class);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefusedForWrite(
      String relativePath) {
    return assertThatThrownBy(() -> StoragePaths.resolveForWrite(root, relativePath))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse());
  }
}
