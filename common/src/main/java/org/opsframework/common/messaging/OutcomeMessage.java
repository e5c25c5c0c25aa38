package org.opsframework.common.messaging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a worker reports back about one attempt of an operation.
 *
 * @param operationId the operation's id
 * @param attempt the attempt the report is about; a report for an older attempt is ignored
 * @param type what happened
 * @param workerId the reporting worker
 * @param time when the worker observed it
 * @param result the function's result, for {@link OutcomeType#SUCCESS}
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

  public static OutcomeMessage failed(UUID id, String workerId, ErrorInfo error) {
    return new OutcomeMessage(
        id, error.attempt(), OutcomeType.FAILED, workerId, error.time(), null, error);
  }
}
