package org.opsframework.scheduler.api;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The body of a submit.
 *
 * @param triggerFunction the function to run (required)
 * @param inputs its JSON object of inputs (required)
 * @param priority higher runs first among due operations, -100..100, default 0
 * @param maxRetries attempts allowed before FAILED, 1..100, default from configuration
 * @param runAt not before this time; use either this or {@code delayMillis}
 * @param delayMillis not before this many milliseconds after the database's now
 * @param owner who asks; default {@code api}
 * @param idempotencyKey a second submit by the same owner with this key returns the first one
 */
public record SubmitRequest(
    String triggerFunction,
    JsonNode inputs,
    Integer priority,
    Integer maxRetries,
    Instant runAt,
    Long delayMillis,
    String owner,
    String idempotencyKey) {}
