package org.opsframework.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the demo reads of an operation returned by the scheduler's REST API.
 *
 * @param id the operation's id
 * @param triggerFunction the function it runs
 * @param sourcePath the {@code sourcePath} input, relative to the storage root
 * @param status its status name
 * @param retryCounter attempts started so far
 * @param created when it was accepted, or null when the API did not say
 * @param updated when it last changed, or null when the API did not say
 * @param result what the function returned (a JSON null node when there is none)
 * @param errorMessage the message of the last error, or null
 */
record OperationView(
    String id,
    String triggerFunction,
    String sourcePath,
    String status,
    int retryCounter,
    Instant created,
    Instant updated,
    JsonNode result,
    String errorMessage) {

  /** Statuses an operation never leaves. */
  static final Set<String> TERMINAL = Set.of("SUCCESS", "FAILED", "CANCELLED");

  static OperationView from(JsonNode op) {
    JsonNode error = op.path("errorInfo");
    return new OperationView(
        text(op.path("id")),
        text(op.path("triggerFunction")),
        text(op.path("inputs").path("sourcePath")),
        text(op.path("status")),
        op.path("retryCounter").asInt(0),
        instant(op.path("created")),
        instant(op.path("updated")),
        op.path("result"),
        error.isObject() ? text(error.path("message")) : null);
  }

  boolean isTerminal() {
    return status != null && TERMINAL.contains(status);
  }

  /** Time from acceptance to the last change, when both are known. */
  Optional<Duration> duration() {
    if (created == null || updated == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(created, updated));
  }

  private static String text(JsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    return node.isValueNode() && !node.isNull() ? node.toString() : null;
  }

  private static Instant instant(JsonNode node) {
    if (!node.isString()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.stringValue()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(node.stringValue());
      } catch (DateTimeParseException notAnInstant) {
        return null;
      }
    }
  }
}
