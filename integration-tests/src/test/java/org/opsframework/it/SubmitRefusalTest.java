package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opsframework.it.ApiClient.Response;

/**
 * Every kind of bad submit is refused with a 4xx problem detail that says what is wrong, and no row
 * is written, not even for the valid operations of a refused batch.
 */
class SubmitRefusalTest {

  static TestPlatform platform;
  static ApiClient api;

  @BeforeAll
  static void start() {
    platform = TestPlatform.create("refusal");
    api = platform.api(platform.startScheduler());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  static Stream<Arguments> refusedSubmits() {
    String big = "x".repeat(300 * 1024);
    return Stream.of(
        Arguments.of(
            "unknown trigger function",
            "{\"triggerFunction\":\"mineBitcoin\",\"inputs\":{}}",
            400,
            "unknown-trigger-function",
            "triggerFunction 'mineBitcoin' is not served by any worker pool"),
        Arguments.of(
            "missing trigger function",
            "{\"inputs\":{}}",
            400,
            "invalid-request",
            "triggerFunction is required"),
        Arguments.of(
            "inputs that are an array",
            "{\"triggerFunction\":\"noop\",\"inputs\":[1,2]}",
            400,
            "inputs-not-object",
            "inputs must be a JSON object, got array"),
        Arguments.of(
            "inputs that are a string",
            "{\"triggerFunction\":\"noop\",\"inputs\":\"hello\"}",
            400,
            "inputs-not-object",
            "inputs must be a JSON object, got string"),
        Arguments.of(
            "missing inputs",
            "{\"triggerFunction\":\"noop\"}",
            400,
            "inputs-not-object",
            "inputs must be a JSON object, got nothing"),
        Arguments.of(
            "oversized inputs",
            "{\"triggerFunction\":\"noop\",\"inputs\":{\"blob\":\"" + big + "\"}}",
            413,
            "inputs-too-large",
            "the limit is 262144 bytes"),
        Arguments.of(
            "a NUL character in an input value",
            "{\"triggerFunction\":\"noop\",\"inputs\":{\"name\":\"a\\u0000b\"}}",
            400,
            "nul-character",
            "inputs.name contains a NUL character"),
        Arguments.of(
            "a NUL character in an input field name",
            "{\"triggerFunction\":\"noop\",\"inputs\":{\"na\\u0000me\":1}}",
            400,
            "nul-character",
            "(field name) contains a NUL character"),
        Arguments.of(
            "a NUL character in a nested array",
            "{\"triggerFunction\":\"noop\",\"inputs\":{\"tags\":[\"ok\",\"b\\u0000\"]}}",
            400,
            "nul-character",
            "inputs.tags[1] contains a NUL character"),
        Arguments.of(
            "a NUL character in the owner",
            "{\"triggerFunction\":\"noop\",\"inputs\":{},\"owner\":\"a\\u0000\"}",
            400,
            "nul-character",
            "owner contains a NUL character"),
        Arguments.of(
            "an unpaired surrogate in an input value",
            "{\"triggerFunction\":\"noop\",\"inputs\":{\"a\":\"\\ud800\"}}",
            400,
            "invalid-unicode",
            "inputs.a contains an unpaired UTF-16 surrogate"),
        Arguments.of(
            "a runAt beyond any calendar",
            "{\"triggerFunction\":\"noop\",\"inputs\":{},\"runAt\":\"+999999999-12-31T23:59:59Z\"}",
            400,
            "invalid-request",
            "runAt must make the operation due within 366 days"),
        Arguments.of(
            "a priority above the range",
            "{\"triggerFunction\":\"noop\",\"inputs\":{},\"priority\":101}",
            400,
            "invalid-request",
            "priority must be between -100 and 100, got 101"),
        Arguments.of(
            "a priority below the range",
            "{\"triggerFunction\":\"noop\",\"inputs\":{},\"priority\":-101}",
            400,
            "invalid-request",
            "priority must be between -100 and 100, got -101"),
        Arguments.of(
            "a path that climbs out of the storage root",
            "{\"triggerFunction\":\"generateThumbnail\",\"inputs\":{\"sourcePath\":\"../etc/passwd\"}}",
            400,
            "path-outside-storage-root",
            "inputs.sourcePath '../etc/passwd' leaves the storage root"),
        Arguments.of(
            "a path that climbs out after descending",
            "{\"triggerFunction\":\"generateThumbnail\","
                + "\"inputs\":{\"sourcePath\":\"a/b/../../../x.jpg\"}}",
            400,
            "path-outside-storage-root",
            "leaves the storage root"),
        Arguments.of(
            "an absolute path",
            "{\"triggerFunction\":\"generateThumbnail\",\"inputs\":{\"targetPath\":\"/tmp/x.jpg\"}}",
            400,
            "path-outside-storage-root",
            "inputs.targetPath '/tmp/x.jpg' is absolute"),
        Arguments.of(
            "a path field that is not a string",
            "{\"triggerFunction\":\"generateThumbnail\",\"inputs\":{\"sourcePath\":42}}",
            400,
            "invalid-request",
            "inputs.sourcePath holds a storage path and must be a string"),
        Arguments.of(
            "malformed JSON",
            "{\"triggerFunction\":\"noop\",\"inputs\":{",
            400,
            "malformed-json",
            "the request body is not valid JSON"),
        Arguments.of(
            "an unknown field",
            "{\"triggerFunction\":\"noop\",\"input\":{}}",
            400,
            "malformed-json",
            "Unrecognized property \"input\""),
        Arguments.of("an empty body", "", 400, "malformed-json", "the request body is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedSubmits")
  void a_bad_submit_is_refused_with_a_problem_detail_and_stores_nothing(
      String what, String body, int status, String type, String detail) {
    Response response = api.post("/api/v1/operations", body);

    assertThat(response.status()).as(what).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("type").asString()).isEqualTo("urn:operations:problem:" + type);
    assertThat(response.body().get("detail").asString()).contains(detail);
    assertThat(rows()).isZero();
  }

  @Test
  void a_batch_with_one_bad_operation_stores_none_of_them() {
    String batch =
        "{\"operations\":["
            + "{\"triggerFunction\":\"noop\",\"inputs\":{}},"
            + "{\"triggerFunction\":\"noop\",\"inputs\":{\"path\":\"../../x\"}},"
            + "{\"triggerFunction\":\"noop\",\"inputs\":{}}]}";

    Response response = api.post("/api/v1/operations/batch", batch);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("detail").asString())
        .isEqualTo("operations[1].inputs.path '../../x' leaves the storage root");
    assertThat(rows()).isZero();
  }

  @Test
  void a_batch_lists_every_problem_with_its_index() {
    String batch =
        "{\"operations\":["
            + "{\"triggerFunction\":\"nope\",\"inputs\":{}},"
            + "{\"triggerFunction\":\"noop\",\"inputs\":{},\"priority\":500}]}";

    Response response = api.post("/api/v1/operations/batch", batch);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("errors").values().stream().map(n -> n.asString()).toList())
        .containsExactly(
            "operations[0].triggerFunction 'nope' is not served by any worker pool; known: "
                + knownFunctions(),
            "operations[1].priority must be between -100 and 100, got 500");
    assertThat(rows()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedListings")
  void a_bad_list_parameter_is_refused_with_a_problem_detail(String query, String detail) {
    Response response = api.get("/api/v1/operations?" + query);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("detail").asString()).contains(detail);
  }

  static Stream<Arguments> refusedListings() {
    return Stream.of(
        Arguments.of("owner=%00", "parameter 'owner' contains a NUL character"),
        Arguments.of("triggerFunction=a%00b", "parameter 'triggerFunction' contains a NUL"),
        Arguments.of(
            "createdFrom=-999999999-01-01T00:00:00Z", "parameter 'createdFrom' must be between"),
        Arguments.of("limit=0", "limit must be between 1 and 500, got 0"),
        Arguments.of("status=DONE", "parameter 'status' has an invalid value 'DONE'"),
        Arguments.of("after=not-a-uuid", "parameter 'after' has an invalid value"));
  }

  @Test
  void every_path_spelling_of_the_api_needs_the_token() {
    ApiClient anonymous =
        new ApiClient(Integer.parseInt(api.base().replaceAll(".*:", "")), "wrong-token-000000000");
    for (String path :
        java.util.List.of(
            "/%61pi/v1/operations/matrix",
            "/ap%69/v1/operations/matrix",
            "/api;x=1/v1/operations/matrix",
            "/api/v1/operations/matrix",
            "/api/v1/heartbeats")) {
      Response response = anonymous.get(path);
      assertThat(response.status()).as(path).isIn(400, 401, 404);
      assertThat(response.status()).as(path).isNotEqualTo(200);
    }
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
  }

  @Test
  void an_empty_batch_is_refused() {
    Response response = api.post("/api/v1/operations/batch", "{\"operations\":[]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("detail").asString())
        .isEqualTo("operations must be a non-empty array");
  }

  @Test
  void a_request_without_the_token_is_refused_with_401() {
    Response response =
        new ApiClient(Integer.parseInt(api.base().replaceAll(".*:", "")), "wrong-token-000000000")
            .post("/api/v1/operations", "{\"triggerFunction\":\"noop\",\"inputs\":{}}");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("detail").asString()).isEqualTo("the bearer token is not valid");
    assertThat(rows()).isZero();
  }

  /** The scheduler's known functions as its message lists them: sorted, in brackets. */
  private static String knownFunctions() {
    java.util.List<String> names =
        new java.util.ArrayList<>(
            java.util.List.of(
                "generateThumbnail", "generateRendition", "extractMetadata", "computeChecksum"));
    names.addAll(java.util.List.of(TestFunctions.NAMES.split(",")));
    return names.stream().sorted().toList().toString();
  }

  private long rows() {
    return platform.jdbc().sql("SELECT count(*) FROM operation").query(Long.class).single();
  }
}
