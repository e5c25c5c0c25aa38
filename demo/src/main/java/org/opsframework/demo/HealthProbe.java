package org.opsframework.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks a service's actuator whether it is up. */
final class HealthProbe {

  private final HttpClient http;
  private final JsonMapper json;

  HealthProbe(HttpClient http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  /** Whether {@code GET http://127.0.0.1:<port>/actuator/health} answers 200 with status UP. */
  boolean isUp(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return isUp(response.statusCode(), response.body(), json);
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean isUp(int statusCode, String body, JsonMapper json) {
    if (statusCode != 200 || body == null) {
      return false;
    }
    try {
      JsonNode status = json.readTree(body).path("status");
      return status.isString() && status.stringValue().equals("UP");
    } catch (JacksonException e) {
      return false;
    }
  }
}
