package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opsframework.it.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** Test helpers for submitting operations and waiting for their states through the API. */
final class Operations {

  static final Set<String> TERMINAL = Set.of("SUCCESS", "FAILED", "CANCELLED");

  private final ApiClient api;

  Operations(ApiClient api) {
    this.api = api;
  }

  /** Submits one operation and returns its id; fails the test unless it was stored. */
  UUID submit(String function, Map<String, Object> inputs, Map<String, Object> extra) {
    Map<String, Object> body = new java.util.LinkedHashMap<>(extra);
    body.put("triggerFunction", function);
    body.put("inputs", inputs);
    Response response = api.post("/api/v1/operations", body);
    assertThat(response.status()).as("submit %s: %s", function, response.body()).isEqualTo(201);
    return UUID.fromString(response.body().get("id").asString());
  }

  UUID submit(String function, Map<String, Object> inputs) {
    return submit(function, inputs, Map.of());
  }

  JsonNode get(UUID id) {
    Response response = api.get("/api/v1/operations/" + id);
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }

  /** Waits until the operation has {@code status} and returns it. */
  JsonNode awaitStatus(UUID id, String status) {
    return await("operation " + id + " " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(id), op -> op.get("status").asString().equals(status));
  }

  /** Waits until the operation is SUCCESS, FAILED or CANCELLED and returns it. */
  JsonNode awaitTerminal(UUID id) {
    return await("operation " + id + " terminal")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(id), op -> TERMINAL.contains(op.get("status").asString()));
  }
}
