package org.opsframework.common.messaging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a worker reports back about one attempt of an operation.
 *
 * @param operationId the operation's id
 * @param attempt the attempt the report is about; a report for an older attempt is ignored
 * @param type what happened
 * @param workerId the reporting worker
 * @param time when the worker observed it
 * @param result the function's result, for {@link OutcomeType#SUCCESS}; for {@link
 *     OutcomeType#WAIT}, the object {@code {"waitReason": "<what it waits for>"}}
 * @param error the failure, for {@link OutcomeType#FAILED}
 */
public record OutcomeMessage(
    UUID operationId,
    int attempt,
    OutcomeType type,
    String workerId,
    Instant time,
    JsonNode result,
    ErrorInfo error) {

  /** The field of {@link #result()} that holds a WAIT outcome's reason. */
  public static final String WAIT_REASON = "waitReason";

  public static OutcomeMessage processing(UUID id, int attempt, String workerId, Instant time) {
    return new OutcomeMessage(id, attempt, OutcomeType.PROCESSING, workerId, time, null, null);
  }

  public static OutcomeMessage touch(UUID id, int attempt, String workerId, Instant time) {
    return new OutcomeMessage(id, attempt, OutcomeType.TOUCH, workerId, time, null, null);
  }

  public static OutcomeMessage success(
      UUID id, int attempt, String workerId, Instant time, JsonNode result) {
    return new OutcomeMessage(id, attempt, OutcomeType.SUCCESS, workerId, time, result, null);
  }

  /** The attempt asked to wait; {@code reason} travels as {@code {"waitReason": reason}}. */
  public static OutcomeMessage waiting(
      UUID id, int attempt, String workerId, Instant time, String reason) {
    JsonNode result = JsonNodeFactory.instance.objectNode().put(WAIT_REASON, reason);
    return new OutcomeMessage(id, attempt, OutcomeType.WAIT, workerId, time, result, null);
  }

  public static OutcomeMessage failed(UUID id, String workerId, ErrorInfo error) {
    return new OutcomeMessage(
        id, error.attempt(), OutcomeType.FAILED, workerId, error.time(), null, error);
  }
}
