package org.opsframework.scheduler.heartbeat;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the heartbeat endpoint shows about one heartbeat.
 *
 * @param runningOn the replica running it now, if one is
 * @param runs how many runs have started, on all replicas together
 * @param lastCounts what the last finished run did
 * @param lastError why the last run failed, if it did
 * @param lastReplica the replica that ran it last
 */
public record HeartbeatStatus(
    String name,
    Duration interval,
    Instant nextRun,
    String runningOn,
    long runs,
    Instant lastStart,
    Long lastDurationMillis,
    JsonNode lastCounts,
    String lastError,
    String lastReplica) {

  HeartbeatStatus withInterval(Duration value) {
    return new HeartbeatStatus(
        name,
        value,
        nextRun,
        runningOn,
        runs,
        lastStart,
        lastDurationMillis,
        lastCounts,
        lastError,
        lastReplica);
  }
}
