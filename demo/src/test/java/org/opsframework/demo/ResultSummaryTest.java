package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultSummaryTest {

  @Test
  void a_thumbnail_shows_its_size_and_where_it_was_written() {
    OperationView op =
        Operations.op(
            "generateThumbnail",
            "coffee.png",
            "SUCCESS",
            "\"result\":{\"targetPath\":\"thumbnails/coffee.png\",\"width\":200,\"height\":133}");

    assertThat(ResultSummary.describe(op)).isEqualTo("200x133 -> thumbnails/coffee.png");
  }

  @Test
  void a_rendition_with_nested_dimensions_is_found_all_the_same() {
    OperationView op =
        Operations.op(
            "generateRendition",
            "a/b.tif",
            "SUCCESS",
            "\"result\":{\"target_path\":\"renditions/a/b.png\","
                + "\"output\":{\"Width\":640,\"Height\":\"480 pixels\"}}");

    assertThat(ResultSummary.describe(op)).isEqualTo("640x480 -> renditions/a/b.png");
  }

  @Test
  void metadata_shows_the_camera_once_when_the_model_repeats_the_make() {
    OperationView op =
        Operations.op(
            "extractMetadata",
            "camera.jpg",
            "SUCCESS",
            "\"result\":{\"width\":100,\"height\":75,"
                + "\"exif\":{\"Make\":\"Canon\",\"Model\":\"Canon EOS 40D\"}}");

    assertThat(ResultSummary.describe(op)).isEqualTo("Canon EOS 40D, 100x75");
  }

  @Test
  void metadata_joins_make_and_model_when_the_model_does_not_name_the_brand() {
    OperationView op =
        Operations.op(
            "extractMetadata",
            "camera.jpg",
            "SUCCESS",
            "\"result\":{\"camera\":{\"make\":\"SONY\",\"model\":\"DSC-RX100\"},"
                + "\"imageWidth\":3008,\"imageHeight\":2000}");

    assertThat(ResultSummary.describe(op)).isEqualTo("SONY DSC-RX100, 3008x2000");
  }

  @Test
  void metadata_as_the_worker_returns_it_names_the_camera_by_its_model() {
    OperationView op =
        Operations.op(
            "extractMetadata",
            "camera-exif-sample.jpg",
            "SUCCESS",
            "\"result\":{\"gps\":{\"latitude\":39.9},\"width\":500,"
                + "\"camera\":{\"make\":\"NIKON CORPORATION\",\"model\":\"NIKON D2H\"},"
                + "\"format\":\"jpeg\",\"height\":375,\"mimeType\":\"image/jpeg\","
                + "\"directories\":[\"JPEG\",\"Exif IFD0\"],\"orientation\":1}");

    assertThat(ResultSummary.describe(op)).isEqualTo("NIKON D2H, 500x375");
  }

  @Test
  void metadata_of_a_picture_without_a_camera_says_so() {
    OperationView op =
        Operations.op(
            "extractMetadata",
            "coffee.png",
            "SUCCESS",
            "\"result\":{\"width\":400,\"height\":400,\"mimeType\":\"image/png\"}");

    assertThat(ResultSummary.describe(op)).isEqualTo("no camera, 400x400");
  }

  @Test
  void a_checksum_shows_sixteen_hex_digits_and_the_size() {
    OperationView op =
        Operations.op(
            "computeChecksum",
            "coffee.png",
            "SUCCESS",
            "\"result\":{\"sha256\":\"0123456789abcdef0123456789abcdef\",\"size\":456789}");

    assertThat(ResultSummary.describe(op)).isEqualTo("sha256 0123456789abcdef, 456789 bytes");
  }

  @Test
  void a_failure_shows_its_error_message_on_one_line() {
    OperationView op =
        Operations.op(
            "generateThumbnail",
            "broken.jpg",
            "FAILED",
            "\"errorInfo\":{\"message\":\"cannot decode\\n  broken.jpg\",\"retryable\":false}");

    assertThat(ResultSummary.describe(op)).isEqualTo("cannot decode broken.jpg");
  }

  @Test
  void an_unfinished_operation_says_it_is_not_finished() {
    OperationView op = Operations.op("computeChecksum", "a.png", "PROCESSING", "");

    assertThat(ResultSummary.describe(op)).isEqualTo("(not finished)");
  }

  @Test
  void an_unknown_result_shape_is_shown_as_compact_json_cut_to_the_maximum_length() {
    String longValue = "x".repeat(200);
    OperationView op =
        Operations.op(
            "computeChecksum", "a.png", "SUCCESS", "\"result\":{\"md5\":\"" + longValue + "\"}");

    String line = ResultSummary.describe(op);

    assertThat(line).startsWith("{\"md5\":\"xxx").endsWith("...");
    assertThat(line).hasSize(ResultSummary.MAX_LENGTH);
  }

  @Test
  void find_prefers_the_shallowest_match_and_ignores_case_and_punctuation() {
    var tree =
        Operations.JSON.readTree(
            "{\"deep\":{\"width\":1},\"list\":[{\"Width\":2}],\"Image-Width\":3,\"width\":4}");

    assertThat(ResultSummary.find(tree, "width").asInt()).isEqualTo(4);
    assertThat(ResultSummary.find(tree, "imagewidth").asInt()).isEqualTo(3);
    assertThat(ResultSummary.find(tree, "height")).isNull();
  }
}
