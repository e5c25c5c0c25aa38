package org.opsframework.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two calls of the scheduler's REST API the demo makes: submit a batch, get one operation. */
final class OperationsClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI operations;
  private final String token;
  private final JsonMapper json;

  OperationsClient(HttpClient http, int schedulerPort, String token, JsonMapper json) {
    this.http = http;
    this.operations = URI.create("http://127.0.0.1:" + schedulerPort + "/api/v1/operations/");
    this.token = token;
    this.json = json;
  }

  /**
   * Submits operations in one request.
   *
   * @return the stored operations, in the order of the request
   * @throws DemoFailure when the scheduler refuses or answers something unexpected
   */
  List<OperationView> submitBatch(JsonNode body) {
    HttpRequest request =
        authorized(operations.resolve("batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    JsonNode answer = send(request, "submitting the batch");

    JsonNode stored = answer.path("operations");
    int expected = body.path("operations").size();
    if (!stored.isArray() || stored.size() != expected) {
      throw DemoFailure.failed(
          "the scheduler answered the batch with "
              + stored.size()
              + " operations instead of "
              + expected
              + ": "
              + abbreviate(answer.toString()));
    }
    List<OperationView> views = new ArrayList<>();
    stored.forEach(op -> views.add(OperationView.from(op)));
    return views;
  }

  /** The current state of one operation. */
  OperationView get(String id) {
    HttpRequest request = authorized(operations.resolve(id)).GET().build();
    return OperationView.from(send(request, "reading operation " + id));
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json, application/problem+json");
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DemoFailure.failed(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DemoFailure.failed(what + " was interrupted", e);
    }

    if (response.statusCode() / 100 != 2) {
      throw DemoFailure.failed(
          what
              + " failed: HTTP "
              + response.statusCode()
              + ": "
              + problemDetail(response.body(), json));
    }
    try {
      return json.readTree(response.body());
    } catch (JacksonException e) {
      throw DemoFailure.failed(
          what + " returned something that is not JSON: " + abbreviate(response.body()), e);
    }
  }

  /** The {@code detail} (or else {@code title}) of an RFC 9457 problem, or the raw body. */
  static String problemDetail(String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode problem = json.readTree(body);
      for (String field : List.of("detail", "title")) {
        JsonNode value = problem.path(field);
        if (value.isString() && !value.stringValue().isBlank()) {
          return value.stringValue();
        }
      }
    } catch (JacksonException e) {
      // not JSON: show the body itself
    }
    return abbreviate(body);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
