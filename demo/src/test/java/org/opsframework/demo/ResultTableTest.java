package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  @Test
  void columns_line_up_with_numbers_on_the_right() {
    List<OperationView> ops =
        List.of(
            Operations.op(
                "generateThumbnail",
                "orientation/f1-exif.jpg",
                "SUCCESS",
                "\"result\":{\"targetPath\":\"thumbnails/orientation/f1-exif.jpg\","
                    + "\"width\":200,\"height\":150}"),
            Operations.op(
                "computeChecksum",
                "coffee.png",
                "FAILED",
                "\"errorInfo\":{\"message\":\"cannot read file\"}"));

    String table = ResultTable.render(ops);

    assertThat(table)
        .isEqualTo(
            """
            FUNCTION           FILE                     STATUS   ATTEMPTS  DURATION  RESULT
            -----------------  -----------------------  -------  --------  --------  ---------------------------------------------
            generateThumbnail  orientation/f1-exif.jpg  SUCCESS         1   1250 ms  200x150 -> thumbnails/orientation/f1-exif.jpg
            computeChecksum    coffee.png               FAILED          1   1250 ms  cannot read file
            """);
  }

  @Test
  void unknown_values_are_shown_as_dashes() {
    OperationView op = OperationView.from(Operations.JSON.readTree("{\"id\":\"x\"}"));

    String row = ResultTable.render(List.of(op)).lines().skip(2).findFirst().orElseThrow();

    assertThat(row).isEqualTo("-         -     -              0         -  (not finished)");
  }

  @Test
  void the_file_column_drops_the_input_folder_but_keeps_sub_folders() {
    assertThat(ResultTable.file("input/a/b.png")).isEqualTo("a/b.png");
    assertThat(ResultTable.file("elsewhere/b.png")).isEqualTo("elsewhere/b.png");
    assertThat(ResultTable.file(null)).isEqualTo("-");
  }
}
