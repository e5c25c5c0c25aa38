package org.opsframework.scheduler.heartbeat;

import java.util.UUID;

/** An expired operation and the status the rescue gave it (PENDING or FAILED). */
record RescuedOperation(
    UUID id, String triggerFunction, int attempt, String workerId, String newStatus) {}
