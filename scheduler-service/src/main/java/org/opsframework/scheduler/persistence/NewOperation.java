package org.opsframework.scheduler.persistence;

import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated operation about to be stored.
 *
 * @param delay how long after the database's now the operation becomes due
 */
public record NewOperation(
    UUID id,
    String triggerFunction,
    ObjectNode inputs,
    int priority,
    int maxRetries,
    Duration delay,
    String owner,
    String idempotencyKey) {}
