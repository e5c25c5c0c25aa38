package org.opsframework.scheduler.heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The heartbeat table: schedule, single-replica claim and the record of the last run. */
@Repository
class HeartbeatRepository {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  HeartbeatRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void register(String name) {
    jdbc.sql("INSERT INTO heartbeat (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
        .param("name", name)
        .update();
  }

  /**
   * Claims the run that is due, if any: moves {@code next_run} one interval on and takes a lease.
   * Only one replica's UPDATE can match, so each run happens once; a replica that dies mid-run
   * loses the lease when it expires. A run is also due when this replica's interval has passed
   * since the last start, so a shortened interval takes effect at once.
   */
  boolean claim(String name, Duration interval, String replica, Duration lease) {
    return jdbc.sql(
                "UPDATE heartbeat SET next_run = now() + make_interval(secs => :interval),"
                    + " locked_by = :replica, locked_until = now() + make_interval(secs => :lease),"
                    + " last_started = now(), runs = runs + 1"
                    + " WHERE name = :name AND (next_run <= now()"
                    + " OR last_started <= now() - make_interval(secs => :interval))"
                    + " AND (locked_until IS NULL OR locked_until < now())")
            .param("name", name)
            .param("interval", seconds(interval))
            .param("replica", replica)
            .param("lease", seconds(lease))
            .update()
        == 1;
  }

  /** Extends the lease of a run in progress; false when this replica no longer holds it. */
  boolean renew(String name, String replica, Duration lease) {
    return jdbc.sql(
                "UPDATE heartbeat SET locked_until = now() + make_interval(secs => :lease)"
                    + " WHERE name = :name AND locked_by = :replica")
            .param("name", name)
            .param("replica", replica)
            .param("lease", seconds(lease))
            .update()
        == 1;
  }

  /**
   * Records the end of a run and releases the lease.
   *
   * @param unfinished the run stopped early (shutdown): make the next run due at once, so another
   *     replica, or this one after a restart, picks up the rest
   */
  void finish(
      String name,
      String replica,
      long durationMillis,
      Map<String, Long> counts,
      String error,
      boolean unfinished) {
    jdbc.sql(
            "UPDATE heartbeat SET locked_by = NULL, locked_until = NULL,"
                + " last_duration_ms = :duration, last_counts = :counts::jsonb,"
                + " last_error = :error, last_replica = :replica,"
                + " next_run = CASE WHEN :unfinished THEN now() ELSE next_run END"
                + " WHERE name = :name AND locked_by = :replica")
        .param("unfinished", unfinished)
        .param("name", name)
        .param("replica", replica)
        .param("duration", durationMillis)
        .param("counts", counts == null ? null : json.writeValueAsString(counts))
        .param("error", error)
        .update();
  }

  /** How long until the heartbeat is next due, by the database clock; zero when due. */
  Optional<Duration> dueIn(String name, Duration interval) {
    return jdbc.sql(
            "SELECT greatest(0, extract(epoch FROM greatest(least(next_run,"
                + " coalesce(last_started, next_run) + make_interval(secs => :interval)),"
                + " coalesce(locked_until, now())) - now()))::float8"
                + " FROM heartbeat WHERE name = :name")
        .param("name", name)
        .param("interval", seconds(interval))
        .query(Double.class)
        .optional()
        .map(s -> Duration.ofNanos((long) (s * 1e9)));
  }

  List<HeartbeatStatus> all() {
    return jdbc.sql(
            "SELECT name, next_run, locked_by, runs, last_started, last_duration_ms,"
                + " last_counts, last_error, last_replica FROM heartbeat ORDER BY name")
        .query(
            (rs, n) ->
                new HeartbeatStatus(
                    rs.getString("name"),
                    null,
                    timestamp(rs.getTimestamp("next_run")),
                    rs.getString("locked_by"),
                    rs.getLong("runs"),
                    timestamp(rs.getTimestamp("last_started")),
                    (Long) rs.getObject("last_duration_ms"),
                    rs.getString("last_counts") == null
                        ? null
                        : json.readTree(rs.getString("last_counts")),
                    rs.getString("last_error"),
                    rs.getString("last_replica")))
        .list();
  }

  private static java.time.Instant timestamp(java.sql.Timestamp value) {
    return value == null ? null : value.toInstant();
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
