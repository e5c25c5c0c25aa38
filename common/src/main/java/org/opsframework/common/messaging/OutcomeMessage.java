package org.opsframework.common.messaging;

import java.time.Duration;
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
 * @param runMillis how long the attempt ran, measured by the worker, on an outcome that ends it
 *     (SUCCESS, FAILED, WAIT); the scheduler derives the start time from it when the attempt ended
 *     before it was reported PROCESSING. A duration, not a time: nodes' clocks never reach the row
 */
public record OutcomeMessage(
    UUID operationId,
    int attempt,
    OutcomeType type,
    String workerId,
    Instant time,
    JsonNode result,
    ErrorInfo error,
    Long runMillis) {

  /** The field of {@link #result()} that holds a WAIT outcome's reason. */
  public static final String WAIT_REASON = "waitReason";

  public static OutcomeMessage processing(UUID id, int attempt, String workerId, Instant time) {
    return new OutcomeMessage(
        id, attempt, OutcomeType.PROCESSING, workerId, time, null, null, null);
  }

  public static OutcomeMessage touch(UUID id, int attempt, String workerId, Instant time) {
    return new OutcomeMessage(id, attempt, OutcomeType.TOUCH, workerId, time, null, null, null);
  }

  public static OutcomeMessage success(
      UUID id, int attempt, String workerId, Instant time, JsonNode result) {
    return new OutcomeMessage(id, attempt, OutcomeType.SUCCESS, workerId, time, result, null, null);
  }

  /** The attempt asked to wait; {@code reason} travels as {@code {"waitReason": reason}}. */
  public static OutcomeMessage waiting(
      UUID id, int attempt, String workerId, Instant time, String reason) {
    JsonNode result = JsonNodeFactory.instance.objectNode().put(WAIT_REASON, reason);
    return new OutcomeMessage(id, attempt, OutcomeType.WAIT, workerId, time, result, null, null);
  }

  public static OutcomeMessage failed(UUID id, String workerId, ErrorInfo error) {
    return new OutcomeMessage(
        id, error.attempt(), OutcomeType.FAILED, workerId, error.time(), null, error, null);
  }

  /** This outcome with the attempt's run time. */
  public OutcomeMessage withRunTime(Duration run) {
    return new OutcomeMessage(
        operationId, attempt, type, workerId, time, result, error, Math.max(0, run.toMillis()));
  }
}
