package org.opsframework.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of the operation table. Field meanings are in the README's data model.
 *
 * @param waitUntil when the current (or last) wait ends, for WAIT operations
 * @param waitCount how many times the operation has waited
 */
public record Operation(
    UUID id,
    String triggerFunction,
    ObjectNode inputs,
    OperationStatus status,
    int priority,
    int retryCounter,
    int maxRetries,
    Instant runAt,
    JsonNode result,
    JsonNode errorInfo,
    String owner,
    String idempotencyKey,
    Instant created,
    Instant updated,
    Instant started,
    Instant lastTouched,
    String workerId,
    Instant waitUntil,
    int waitCount) {}
