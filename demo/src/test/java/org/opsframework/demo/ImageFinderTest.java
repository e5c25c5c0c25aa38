package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFinderTest {

  @TempDir Path folder;

  @Test
  void images_are_found_in_sub_folders_sorted_by_relative_path() throws IOException {
    touch("zebra.png");
    touch("orientation/f2-exif.jpg");
    touch("orientation/f1-exif.jpg");
    touch("a/b/deep.webp");

    List<DemoImage> images = ImageFinder.find(folder).images();

    assertThat(images)
        .extracting(DemoImage::relativePath)
        .containsExactly(
            "a/b/deep.webp", "orientation/f1-exif.jpg", "orientation/f2-exif.jpg", "zebra.png");
    assertThat(images.get(0).file()).isEqualTo(folder.resolve("a/b/deep.webp"));
  }

  @Test
  void every_listed_extension_counts_in_any_case_and_nothing_else_does() throws IOException {
    for (String name : List.of("a.jpg", "b.JPEG", "c.Png", "d.webp", "e.tif", "f.TIFF", "g.bmp")) {
      touch(name);
    }
    for (String name : List.of("README.md", "h.gif", "i.jpg.txt", ".png", "noextension", "j.")) {
      touch(name);
    }
    Files.createDirectories(folder.resolve("folder.jpg"));

    assertThat(ImageFinder.find(folder).images())
        .extracting(DemoImage::relativePath)
        .containsExactly("a.jpg", "b.JPEG", "c.Png", "d.webp", "e.tif", "f.TIFF", "g.bmp");
  }

  @Test
  void symbolic_links_are_skipped_and_counted(@TempDir Path outside) throws IOException {
    touch("real.png");
    Path secret = Files.writeString(outside.resolve("hostname"), "outside");
    Files.createDirectories(folder.resolve("odd"));
    Files.createSymbolicLink(folder.resolve("odd/link.png"), secret);
    Files.createSymbolicLink(folder.resolve("odd/inside.png"), folder.resolve("real.png"));
    Files.writeString(outside.resolve("far.jpg"), "outside");
    Files.createSymbolicLink(folder.resolve("elsewhere"), outside);

    FoundImages found = ImageFinder.find(folder);

    assertThat(found.images()).extracting(DemoImage::relativePath).containsExactly("real.png");
    assertThat(found.skippedLinks()).isEqualTo(3);
  }

  @Test
  void a_folder_of_nothing_but_links_is_a_usage_error_that_counts_them(@TempDir Path outside)
      throws IOException {
    Path image = Files.writeString(outside.resolve("a.png"), "outside");
    Files.createSymbolicLink(folder.resolve("a.png"), image);

    assertThatThrownBy(() -> ImageFinder.find(folder))
        .isInstanceOf(DemoFailure.class)
        .hasMessageEndingWith("in sub-folders too; skipped 1 symbolic link)");
  }

  @Test
  void the_named_folder_may_itself_be_a_link(@TempDir Path elsewhere) throws IOException {
    touch("a.png");
    Path link = Files.createSymbolicLink(elsewhere.resolve("photos"), folder);

    FoundImages found = ImageFinder.find(link);

    assertThat(found.images()).extracting(DemoImage::relativePath).containsExactly("a.png");
    assertThat(found.skippedLinks()).isZero();
  }

  @Test
  void a_missing_folder_is_a_usage_error_naming_it() {
    Path missing = folder.resolve("nope");

    assertThatThrownBy(() -> ImageFinder.find(missing))
        .isInstanceOfSatisfying(
            DemoFailure.class, e -> assertThat(e.exitCode()).isEqualTo(DemoFailure.USAGE))
        .hasMessage("image folder " + missing + " does not exist");
  }

  @Test
  void a_folder_without_images_is_a_usage_error_listing_the_extensions() throws IOException {
    touch("notes.txt");

    assertThatThrownBy(() -> ImageFinder.find(folder))
        .isInstanceOfSatisfying(
            DemoFailure.class, e -> assertThat(e.exitCode()).isEqualTo(DemoFailure.USAGE))
        .hasMessage(
            "no images in "
                + folder
                + " (looked for jpg, jpeg, png, webp, tif, tiff, bmp, in sub-folders too)");
  }

  @Test
  void a_file_instead_of_a_folder_is_a_usage_error() throws IOException {
    Path file = touch("single.png");

    assertThatThrownBy(() -> ImageFinder.find(file))
        .isInstanceOf(DemoFailure.class)
        .hasMessage(file + " is not a folder");
  }

  private Path touch(String relativePath) throws IOException {
    Path file = folder.resolve(relativePath);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[] {1, 2, 3});
  }
}
