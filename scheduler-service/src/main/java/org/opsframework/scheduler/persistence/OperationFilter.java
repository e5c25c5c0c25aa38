package org.opsframework.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * What the list endpoint asks for; every field is optional. Results come newest first, and {@code
 * after} continues from a cursor: only operations listed after it, that is older ones, are returned
 * (keyset pagination on the time-ordered id).
 */
public record OperationFilter(
    OperationStatus status,
    String triggerFunction,
    String owner,
    Instant createdFrom,
    Instant createdTo,
    UUID after,
    int limit) {}
