package org.opsframework.scheduler.heartbeat;

import java.time.Instant;
import java.util.UUID;

/** What the clean-up logs about each operation it deletes. */
record DeletedOperation(
    UUID id,
    String triggerFunction,
    String owner,
    Instant created,
    Instant updated,
    int attempts,
    String errorClass,
    String errorMessage) {}
