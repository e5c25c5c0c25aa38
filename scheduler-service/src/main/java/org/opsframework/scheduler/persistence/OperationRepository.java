package org.opsframework.scheduler.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.opsframework.common.messaging.ErrorInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * All SQL on the operation table. Every state change is one conditional UPDATE that names the
 * statuses it may leave and, for attempt outcomes, the attempt it belongs to, so a late message
 * from an old attempt can never overwrite a newer state. Times come from the database clock.
 */
@Repository
public class OperationRepository {

  /** Channel on which a commit that adds due work notifies every scheduler. */
  public static final String DUE_CHANNEL = "operations_due";

  private static final String COLUMNS =
      "id, trigger_function, inputs, status, priority, retry_counter, max_retries, run_at, result,"
          + " error_info, owner, idempotency_key, created, updated, started, last_touched,"
          + " worker_id, wait_until, wait_count";

  private static final String ENDED_WAIT_COLUMNS =
      "id, trigger_function, status, retry_counter, wait_count";

  /**
   * The database's now as an {@code ErrorInfo.time} written in SQL: UTC with a {@code Z}, as
   * Jackson writes an {@code Instant}, whatever the session's time zone.
   */
  public static final String NOW_AS_JSON_INSTANT =
      "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final OperationRowMapper rows;

  public OperationRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.rows = new OperationRowMapper(json);
  }

  /**
   * Inserts operations with one statement, or, for an operation whose owner already used its
   * idempotency key (earlier, or earlier in this list), returns the operation holding the key. Call
   * inside a transaction and then {@link #notifyDue()}.
   *
   * @return per operation, in order, the stored operation and whether this call created it
   */
  public List<Inserted> insertAll(List<NewOperation> ops) {
    Map<UUID, Operation> created = new HashMap<>();
    jdbc.sql(
            "INSERT INTO operation (id, trigger_function, inputs, status, priority,"
                + " max_retries, run_at, owner, idempotency_key)"
                + " SELECT n.id, n.fn, n.inputs, 'PENDING', n.priority, n.max_retries,"
                + " now() + make_interval(secs => n.delay), n.owner, n.key"
                + " FROM unnest(:ids::uuid[], :fns::text[], :inputs::jsonb[], :priorities::int4[],"
                + "   :maxRetries::int4[], :delays::float8[], :owners::text[], :keys::text[])"
                + "   WITH ORDINALITY AS n(id, fn, inputs, priority, max_retries, delay, owner, key, i)"
                // Rows that claim idempotency keys in one order in every transaction: two batches
                // sharing keys then wait for each other instead of deadlocking.
                + " ORDER BY n.owner, n.key, n.i"
                + " ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL"
                + " DO NOTHING RETURNING "
                + COLUMNS)
        .param("ids", ops.stream().map(NewOperation::id).toArray(UUID[]::new))
        .param("fns", ops.stream().map(NewOperation::triggerFunction).toArray(String[]::new))
        .param(
            "inputs",
            ops.stream().map(o -> json.writeValueAsString(o.inputs())).toArray(String[]::new))
        .param("priorities", ops.stream().map(NewOperation::priority).toArray(Integer[]::new))
        .param("maxRetries", ops.stream().map(NewOperation::maxRetries).toArray(Integer[]::new))
        .param("delays", ops.stream().map(o -> seconds(o.delay())).toArray(Double[]::new))
        .param("owners", ops.stream().map(NewOperation::owner).toArray(String[]::new))
        .param("keys", ops.stream().map(NewOperation::idempotencyKey).toArray(String[]::new))
        .query(rows)
        .list()
        .forEach(op -> created.put(op.id(), op));
    List<Inserted> inserted = new ArrayList<>(ops.size());
    for (NewOperation op : ops) {
      Operation row = created.get(op.id());
      inserted.add(row != null ? new Inserted(row, true) : new Inserted(holderOfKey(op), false));
    }
    return inserted;
  }

  private Operation holderOfKey(NewOperation op) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM operation WHERE owner = :owner AND idempotency_key = :key")
        .param("owner", op.owner())
        .param("key", op.idempotencyKey())
        .query(rows)
        .single();
  }

  /** An insert's outcome. */
  public record Inserted(Operation operation, boolean created) {}

  /** Wakes every scheduler's dispatcher when the surrounding transaction commits. */
  public void notifyDue() {
    jdbc.sql("SELECT pg_notify('" + DUE_CHANNEL + "', '')").query().singleValue();
  }

  public Optional<Operation> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM operation WHERE id = :id")
        .param("id", id)
        .query(rows)
        .optional();
  }

  /** One page of operations, newest first. */
  public List<Operation> list(OperationFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM operation WHERE true");
    Map<String, Object> params = new LinkedHashMap<>();
    if (filter.status() != null) {
      sql.append(" AND status = :status");
      params.put("status", filter.status().name());
    }
    if (filter.triggerFunction() != null) {
      sql.append(" AND trigger_function = :fn");
      params.put("fn", filter.triggerFunction());
    }
    if (filter.owner() != null) {
      sql.append(" AND owner = :owner");
      params.put("owner", filter.owner());
    }
    if (filter.createdFrom() != null) {
      sql.append(" AND created >= :createdFrom");
      params.put("createdFrom", java.sql.Timestamp.from(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      sql.append(" AND created < :createdTo");
      params.put("createdTo", java.sql.Timestamp.from(filter.createdTo()));
    }
    if (filter.after() != null) {
      sql.append(" AND id < :after");
      params.put("after", filter.after());
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    params.put("limit", filter.limit());
    return jdbc.sql(sql.toString()).params(params).query(rows).list();
  }

  /**
   * Cancels an operation that has not finished. A worker may still be running it; its outcome is
   * ignored because outcomes only apply to QUEUED or PROCESSING rows.
   *
   * @return the cancelled operation, or empty when it does not exist or had already finished
   */
  public Optional<Operation> cancel(UUID id) {
    return jdbc.sql(
            "UPDATE operation SET status = 'CANCELLED', updated = now()"
                + " WHERE id = :id AND status IN ('PENDING', 'QUEUED', 'WAIT', 'PROCESSING')"
                + " RETURNING "
                + COLUMNS)
        .param("id", id)
        .query(rows)
        .optional();
  }

  /**
   * Sends a FAILED operation back to PENDING with {@code budget} more attempts and a fresh count of
   * waits (one that failed with {@code wait-exhausted} may wait again). The attempt counter keeps
   * growing, so outcomes of the failed attempts stay fenced off.
   */
  public Optional<Operation> retry(UUID id, int budget) {
    return jdbc.sql(
            "UPDATE operation SET status = 'PENDING', max_retries = retry_counter + :budget,"
                + " run_at = now(), updated = now(), worker_id = NULL, last_touched = NULL,"
                + " wait_count = 0"
                + " WHERE id = :id AND status = 'FAILED' RETURNING "
                + COLUMNS)
        .param("id", id)
        .param("budget", budget)
        .query(rows)
        .optional();
  }

  /**
   * Claims up to {@code limit} due PENDING operations, highest priority first, skipping rows
   * another scheduler holds, and starts their next attempt: in this transaction they are QUEUED
   * with {@code retry_counter} one higher. One statement does both: the rows are found through the
   * due index and updated through their primary key (as an array; joined as a subquery, PostgreSQL
   * tends to scan the whole table for them). Until the caller commits, which it does only once the
   * broker has confirmed them, everyone else still sees them PENDING and cannot claim them.
   *
   * @return the claimed operations as now QUEUED, in dispatch order
   */
  public List<Operation> claimDue(int limit) {
    List<Operation> claimed =
        new ArrayList<>(
            jdbc.sql(
                    "UPDATE operation SET status = 'QUEUED', retry_counter = retry_counter + 1,"
                        + " updated = now(), last_touched = now(), started = NULL,"
                        + " worker_id = NULL"
                        + " WHERE id = ANY(ARRAY(SELECT id FROM operation"
                        + "   WHERE status = 'PENDING' AND run_at <= now()"
                        + "   ORDER BY priority DESC, run_at LIMIT :limit FOR UPDATE SKIP LOCKED))"
                        + " RETURNING "
                        + COLUMNS)
                .param("limit", limit)
                .query(rows)
                .list());
    claimed.sort(DISPATCH_ORDER);
    return claimed;
  }

  private static final Comparator<Operation> DISPATCH_ORDER =
      Comparator.comparingInt(Operation::priority).reversed().thenComparing(Operation::runAt);

  /**
   * Hands claimed operations back: PENDING again with the attempt {@link #claimDue} started taken
   * back, not due before {@code delay} has passed. Call in the claiming transaction.
   */
  public int unclaim(Collection<UUID> ids, Duration delay) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "UPDATE operation SET status = 'PENDING', retry_counter = retry_counter - 1,"
                + " run_at = now() + make_interval(secs => :delay)"
                + " WHERE id = ANY(:ids) AND status = 'QUEUED'")
        .param("ids", ids.toArray(UUID[]::new))
        .param("delay", seconds(delay))
        .update();
  }

  /** How long until the next PENDING operation is due; zero when one is due now. */
  public Optional<Duration> nextDueIn() {
    // No greatest(0, ...) in SQL: PostgreSQL's greatest ignores NULL, which would turn "nothing
    // pending" into "due now" and make an idle dispatcher spin.
    Double secs =
        jdbc.sql(
                "SELECT extract(epoch FROM min(run_at) - now())::float8"
                    + " FROM operation WHERE status = 'PENDING'")
            .query((rs, n) -> (Double) rs.getObject(1))
            .list()
            .get(0);
    return Optional.ofNullable(secs).map(s -> Duration.ofNanos((long) (Math.max(0, s) * 1e9)));
  }

  /**
   * The attempt asked to wait on something outside: the operation is WAIT until a callback
   * completes it or {@code waitInterval} has passed, and one more wait is counted.
   */
  public boolean markWaiting(UUID id, int attempt, String workerId, Duration waitInterval) {
    return fenced(
        id,
        () ->
            jdbc.sql(
                        "UPDATE operation SET status = 'WAIT', worker_id = :worker,"
                            + " wait_until = now() + make_interval(secs => :wait),"
                            + " wait_count = wait_count + 1, updated = now(), last_touched = now()"
                            + " WHERE id = :id AND retry_counter = :attempt"
                            + " AND status IN ('QUEUED', 'PROCESSING')")
                    .param("id", id)
                    .param("attempt", attempt)
                    .param("worker", workerId)
                    .param("wait", seconds(waitInterval))
                    .update()
                == 1);
  }

  /**
   * Sends up to {@code batch} WAIT operations whose wait has ended, and that have had fewer than
   * {@code maxWaits} waits, back to PENDING, due at once: the function runs again and checks
   * whether what it waits for has happened.
   *
   * <p>Dispatching them again starts a new attempt ({@code retry_counter} grows at dispatch), but a
   * run that ended in a wait is not a failure. So each return from WAIT adds one attempt to {@code
   * max_retries}: waiting never uses up the budget for real failures, and the operation always has
   * the attempt it is about to start (even when a row somehow had no attempt left).
   */
  public List<EndedWait> resumeWaits(int maxWaits, int batch) {
    return jdbc.sql(
            "UPDATE operation SET status = 'PENDING', run_at = now(), updated = now(),"
                + " max_retries = greatest(max_retries, retry_counter) + 1"
                + " WHERE id IN (SELECT id FROM operation WHERE status = 'WAIT'"
                + " AND wait_until <= now() AND wait_count < :maxWaits"
                + " ORDER BY wait_until LIMIT :batch FOR UPDATE SKIP LOCKED)"
                + " AND status = 'WAIT' AND wait_until <= now() AND wait_count < :maxWaits"
                + " RETURNING "
                + ENDED_WAIT_COLUMNS)
        .param("maxWaits", maxWaits)
        .param("batch", batch)
        .query(OperationRepository::endedWait)
        .list();
  }

  /**
   * Fails up to {@code batch} WAIT operations whose wait has ended and that have had {@code
   * maxWaits} waits or more, with reason {@code wait-exhausted}. Not retryable: waiting longer is
   * what the retry endpoint is for.
   */
  public List<EndedWait> exhaustWaits(int maxWaits, int batch) {
    return jdbc.sql(
            "UPDATE operation SET status = 'FAILED', updated = now(),"
                + " error_info = jsonb_build_object('errorClass', 'wait-exhausted',"
                + "   'message', format('waited %s times and no callback came; the limit is %s"
                + " (operations.heartbeat.waiting.max-waits)', wait_count, :maxWaits),"
                + "   'attempt', retry_counter, 'worker', NULL::text, 'time', "
                + NOW_AS_JSON_INSTANT
                + ", 'retryable', false)"
                + " WHERE id IN (SELECT id FROM operation WHERE status = 'WAIT'"
                + " AND wait_until <= now() AND wait_count >= :maxWaits"
                + " ORDER BY wait_until LIMIT :batch FOR UPDATE SKIP LOCKED)"
                + " AND status = 'WAIT' AND wait_until <= now() AND wait_count >= :maxWaits"
                + " RETURNING "
                + ENDED_WAIT_COLUMNS)
        .param("maxWaits", maxWaits)
        .param("batch", batch)
        .query(OperationRepository::endedWait)
        .list();
  }

  /** A WAIT operation whose wait ended: its new status, attempt and how many waits it had. */
  public record EndedWait(
      UUID id, String triggerFunction, OperationStatus status, int attempt, int waitCount) {}

  private static EndedWait endedWait(ResultSet rs, int row) throws SQLException {
    return new EndedWait(
        rs.getObject("id", UUID.class),
        rs.getString("trigger_function"),
        OperationStatus.valueOf(rs.getString("status")),
        rs.getInt("retry_counter"),
        rs.getInt("wait_count"));
  }

  /**
   * A callback completes a WAIT operation with {@code result}. Conditional on WAIT only, not on an
   * attempt: the callback comes from outside, and whichever of it and the wait heartbeat moves the
   * row first wins.
   *
   * @return the operation, or empty when it does not exist or is not WAIT
   */
  public Optional<Operation> completeWaiting(UUID id, JsonNode result) {
    return jdbc.sql(
            "UPDATE operation SET status = 'SUCCESS', result = :result::jsonb, updated = now()"
                + " WHERE id = :id AND status = 'WAIT' RETURNING "
                + COLUMNS)
        .param("id", id)
        .param("result", json.writeValueAsString(result))
        .query(rows)
        .optional();
  }

  /**
   * A callback fails a WAIT operation, without retrying. The error names the attempt that waited
   * and no worker.
   *
   * @return the operation, or empty when it does not exist or is not WAIT
   */
  public Optional<Operation> failWaiting(UUID id, String errorClass, String message) {
    return jdbc.sql(
            "UPDATE operation SET status = 'FAILED', updated = now(),"
                + " error_info = jsonb_build_object('errorClass', CAST(:errorClass AS text),"
                + " 'message', CAST(:message AS text), 'attempt', retry_counter,"
                + " 'worker', NULL::text, 'time', "
                + NOW_AS_JSON_INSTANT
                + ", 'retryable', false)"
                + " WHERE id = :id AND status = 'WAIT' RETURNING "
                + COLUMNS)
        .param("id", id)
        .param("errorClass", errorClass)
        .param("message", message)
        .query(rows)
        .optional();
  }

  /**
   * The attempt failed. The operation goes back to PENDING after {@code backoff} when the error is
   * retryable and attempts remain, else it is FAILED.
   *
   * @return the new status, or empty when the outcome was stale and ignored
   */
  public Optional<OperationStatus> markFailed(UUID id, ErrorInfo error, Duration backoff) {
    Supplier<Optional<OperationStatus>> update =
        () ->
            jdbc.sql(
                    "UPDATE operation SET"
                        + " status = CASE WHEN :retryable AND retry_counter < max_retries"
                        + "   THEN 'PENDING' ELSE 'FAILED' END,"
                        + " run_at = CASE WHEN :retryable AND retry_counter < max_retries"
                        + "   THEN now() + make_interval(secs => :backoff) ELSE run_at END,"
                        + " error_info = :error::jsonb, worker_id = coalesce(:worker, worker_id),"
                        + " updated = now()"
                        + " WHERE id = :id AND retry_counter = :attempt"
                        + " AND status IN ('QUEUED', 'PROCESSING') RETURNING status")
                .param("id", id)
                .param("attempt", error.attempt())
                .param("retryable", error.retryable())
                .param("backoff", seconds(backoff))
                .param("error", json.writeValueAsString(error))
                .param("worker", error.worker())
                .query((rs, n) -> OperationStatus.valueOf(rs.getString(1)))
                .optional();
    return fencedReturning(id, update);
  }

  /**
   * Runs a conditional outcome update, and once more if it missed. A dispatcher may still hold the
   * row: it has published the attempt but not yet committed QUEUED, and an UPDATE only waits for a
   * row that matches its condition in its own snapshot, where the row is still PENDING. Waiting for
   * the lock and retrying sees the committed attempt; a truly stale outcome misses twice.
   */
  private <T> Optional<T> fencedReturning(UUID id, Supplier<Optional<T>> update) {
    Optional<T> first = update.get();
    if (first.isPresent()) {
      return first;
    }
    awaitRowLock(id);
    return update.get();
  }

  private boolean fenced(UUID id, Supplier<Boolean> update) {
    if (update.get()) {
      return true;
    }
    awaitRowLock(id);
    return update.get();
  }

  /**
   * Returns once no other transaction holds the row. In the outcome writer's transaction the share
   * lock lasts until it commits; a dispatcher only claims PENDING rows and skips locked ones.
   */
  private void awaitRowLock(UUID id) {
    jdbc.sql("SELECT 1 FROM operation WHERE id = :id FOR SHARE")
        .param("id", id)
        .query()
        .listOfRows();
  }

  /** Counts of operations per trigger function and status. */
  public Map<String, Map<OperationStatus, Long>> countByFunctionAndStatus() {
    Map<String, Map<OperationStatus, Long>> matrix = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT trigger_function, status, count(*) FROM operation"
                + " GROUP BY trigger_function, status ORDER BY trigger_function, status")
        .query(
            rs -> {
              matrix
                  .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                  .put(OperationStatus.valueOf(rs.getString(2)), rs.getLong(3));
            });
    return matrix;
  }

  private static double seconds(Duration duration) {
    return duration == null ? 0 : duration.toNanos() / 1e9;
  }
}
