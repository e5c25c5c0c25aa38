package org.opsframework.scheduler.persistence;

import java.time.Duration;
import org.springframework.jdbc.core.RowMapper;

/** A duration measured by the database clock for one operation, for the latency metrics. */
public record Timing(String triggerFunction, Duration duration) {

  static final RowMapper<Timing> ROWS =
      (rs, n) ->
          new Timing(
              rs.getString("trigger_function"),
              Duration.ofNanos((long) (Math.max(0, rs.getDouble("seconds")) * 1e9)));
}
