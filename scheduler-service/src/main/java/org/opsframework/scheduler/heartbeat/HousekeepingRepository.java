package org.opsframework.scheduler.heartbeat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the housekeeping heartbeats. Every statement touches at most one batch of rows, picks
 * them with {@code FOR UPDATE SKIP LOCKED} so it never waits on the dispatcher or the outcome
 * writers, and re-checks the status in the statement that changes the row, so a row that moved on
 * meanwhile (a FAILED row a user retried, a rescued row that completed) is left alone. Ages come
 * from the database clock.
 */
@Repository
class HousekeepingRepository {

  private static final String DELETED_COLUMNS =
      "id, trigger_function, owner, created, updated, retry_counter,"
          + " error_info ->> 'errorClass' AS error_class, error_info ->> 'message' AS error_message";

  private final JdbcClient jdbc;

  HousekeepingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Deletes up to {@code batch} FAILED operations whose {@code updated} is older than the age. */
  List<DeletedOperation> deleteFailedOlderThan(long hours, int batch) {
    return jdbc.sql(
            "DELETE FROM operation WHERE id IN ("
                + " SELECT id FROM operation WHERE status = 'FAILED'"
                + " AND updated < now() - make_interval(hours => :hours)"
                + " ORDER BY updated LIMIT :batch FOR UPDATE SKIP LOCKED)"
                + " AND status = 'FAILED' RETURNING "
                + DELETED_COLUMNS)
        .param("hours", (int) Math.min(hours, Integer.MAX_VALUE))
        .param("batch", batch)
        .query(HousekeepingRepository::deleted)
        .list();
  }

  /** Deletes the {@code count} oldest FAILED operations (by {@code updated}). */
  List<DeletedOperation> deleteOldestFailed(int count) {
    return jdbc.sql(
            "DELETE FROM operation WHERE id IN ("
                + " SELECT id FROM operation WHERE status = 'FAILED'"
                + " ORDER BY updated LIMIT :count FOR UPDATE SKIP LOCKED)"
                + " AND status = 'FAILED' RETURNING "
                + DELETED_COLUMNS)
        .param("count", count)
        .query(HousekeepingRepository::deleted)
        .list();
  }

  long countFailed() {
    return jdbc.sql("SELECT count(*) FROM operation WHERE status = 'FAILED'")
        .query(Long.class)
        .single();
  }

  /** Deletes up to {@code batch} SUCCESS or CANCELLED operations older than {@code age}. */
  int deleteFinishedOlderThan(Duration age, int batch) {
    return jdbc.sql(
            "DELETE FROM operation WHERE id IN ("
                + " SELECT id FROM operation WHERE status IN ('SUCCESS', 'CANCELLED')"
                + " AND updated < now() - make_interval(secs => :age)"
                + " ORDER BY updated LIMIT :batch FOR UPDATE SKIP LOCKED)"
                + " AND status IN ('SUCCESS', 'CANCELLED')")
        .param("age", age.toNanos() / 1e9)
        .param("batch", batch)
        .update();
  }

  /**
   * Sends up to {@code batch} QUEUED or PROCESSING operations that were not touched within their
   * expiry back to PENDING (due at once) while attempts remain, else to FAILED with reason {@code
   * expired}. The row lock and the re-checked status and touch time make the update conditional on
   * what was read: an operation that completed or was touched meanwhile is left alone, and the
   * attempt number is kept, so a late outcome of the expired attempt is ignored.
   *
   * @param processingExpiryByFunction seconds per trigger function, as a JSON object
   */
  List<RescuedOperation> rescueExpired(
      Duration queuedExpiry,
      Duration processingExpiry,
      String processingExpiryByFunction,
      int batch) {
    String expired =
        "last_touched < now() - make_interval(secs => CASE WHEN status = 'QUEUED' THEN :queued"
            + " ELSE coalesce((CAST(:byFunction AS jsonb) ->> trigger_function)::float8,"
            + " :processing) END)";
    return jdbc.sql(
            "UPDATE operation SET"
                + " status = CASE WHEN retry_counter < max_retries THEN 'PENDING' ELSE 'FAILED' END,"
                + " run_at = now(), updated = now(),"
                + " error_info = jsonb_build_object('errorClass', 'expired',"
                + "   'message', format('%s and not touched since %s: its worker vanished or hung',"
                + "     status, last_touched),"
                + "   'attempt', retry_counter, 'worker', worker_id, 'time', "
                + OperationRepository.NOW_AS_JSON_INSTANT
                + ",   'retryable', true)"
                + " WHERE id IN (SELECT id FROM operation WHERE status IN ('QUEUED', 'PROCESSING')"
                + " AND "
                + expired
                + " ORDER BY last_touched LIMIT :batch FOR UPDATE SKIP LOCKED)"
                + " AND status IN ('QUEUED', 'PROCESSING') AND "
                + expired
                + " RETURNING id, trigger_function, retry_counter, worker_id, status")
        .param("queued", queuedExpiry.toNanos() / 1e9)
        .param("processing", processingExpiry.toNanos() / 1e9)
        .param("byFunction", processingExpiryByFunction)
        .param("batch", batch)
        .query(
            (rs, n) ->
                new RescuedOperation(
                    rs.getObject("id", java.util.UUID.class),
                    rs.getString("trigger_function"),
                    rs.getInt("retry_counter"),
                    rs.getString("worker_id"),
                    rs.getString("status")))
        .list();
  }

  private static DeletedOperation deleted(ResultSet rs, int row) throws SQLException {
    return new DeletedOperation(
        rs.getObject("id", java.util.UUID.class),
        rs.getString("trigger_function"),
        rs.getString("owner"),
        rs.getTimestamp("created").toInstant(),
        rs.getTimestamp("updated").toInstant(),
        rs.getInt("retry_counter"),
        rs.getString("error_class"),
        rs.getString("error_message"));
  }
}
