package org.opsframework.scheduler.heartbeat;

import java.time.Duration;
import java.util.Map;

/**
 * One periodic housekeeping task of the scheduler. {@link HeartbeatRunner} runs each on one replica
 * at a time, every {@link #interval()}, and records what it did.
 */
public interface Heartbeat {

  /** Stable name, shown by the heartbeat endpoint and used as the lock key. */
  String name();

  /** Time between the starts of two runs. */
  Duration interval();

  /**
   * Does one run. Must work in bounded batches so that dispatch never waits on it.
   *
   * @return what the run did, as named counts (for example {@code deletedByAge})
   */
  Map<String, Long> run();
}
