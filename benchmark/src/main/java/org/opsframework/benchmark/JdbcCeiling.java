package org.opsframework.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The database ceiling: the platform's statements for one operation's lifecycle, without the
 * services and without RabbitMQ, on a copy of the operation table ({@code ceiling_operation}, same
 * columns and indexes) that no scheduler reads. One thread claims batches of 100 and marks them
 * QUEUED with the dispatcher's statement ({@code FOR UPDATE SKIP LOCKED} inside an {@code UPDATE}),
 * one transaction each; one thread, as the scheduler's one outcome writer, marks whatever has been
 * claimed SUCCESS, up to 500 rows per transaction ({@code operations.results.batch-size}), with the
 * writer's {@code unnest} statement. Quick operations skip PROCESSING in the platform, so here too.
 */
final class JdbcCeiling {

  static final int CLAIM_BATCH = 100;
  static final int OUTCOME_BATCH = 500;
  static final int OUTCOME_THREADS = 1;

  private static final UUID END = new UUID(0, 0);

  private JdbcCeiling() {}

  /**
   * @return operations per second, from the first claim to the last SUCCESS; the insert is not
   *     counted
   */
  static double run(BenchmarkDatabase database, int operations) throws Exception {
    try (Connection setup = database.newConnection();
        Statement statement = setup.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS ceiling_operation (LIKE operation INCLUDING ALL)");
      statement.execute("TRUNCATE ceiling_operation");
      statement.execute(
          "INSERT INTO ceiling_operation (id, trigger_function, inputs, status, max_retries, owner)"
              + " SELECT gen_random_uuid(), 'noop', '{}'::jsonb, 'PENDING', 3, 'bench-ceiling'"
              + " FROM generate_series(1, "
              + operations
              + ")");
      statement.execute("ANALYZE ceiling_operation");
    }

    BlockingQueue<UUID> queued = new ArrayBlockingQueue<>(operations + OUTCOME_THREADS);
    ExecutorService threads = Executors.newFixedThreadPool(1 + OUTCOME_THREADS);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> work = new ArrayList<>();
      work.add(threads.submit(() -> claimAll(database, queued)));
      for (int i = 0; i < OUTCOME_THREADS; i++) {
        work.add(threads.submit(() -> completeAll(database, queued)));
      }
      int claimed = work.get(0).get();
      int completed = 0;
      for (int i = 1; i < work.size(); i++) {
        completed += work.get(i).get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (claimed != operations || completed != operations) {
        throw new IllegalStateException(
            "JDBC ceiling: claimed " + claimed + ", completed " + completed + " of " + operations);
      }
      return operations / seconds;
    } finally {
      threads.shutdownNow();
    }
  }

  private static int claimAll(BenchmarkDatabase database, BlockingQueue<UUID> queued)
      throws SQLException, InterruptedException {
    int claimed = 0;
    try (Connection connection = database.newConnection();
        PreparedStatement claim =
            connection.prepareStatement(
                "UPDATE ceiling_operation SET status = 'QUEUED',"
                    + " retry_counter = retry_counter + 1, updated = now(),"
                    + " last_touched = now(), started = NULL, worker_id = NULL"
                    + " WHERE id = ANY(ARRAY(SELECT id FROM ceiling_operation"
                    + "   WHERE status = 'PENDING' AND run_at <= now()"
                    + "   ORDER BY priority DESC, run_at LIMIT "
                    + CLAIM_BATCH
                    + "   FOR UPDATE SKIP LOCKED))"
                    + " RETURNING *")) {
      connection.setAutoCommit(false);
      while (true) {
        List<UUID> ids = new ArrayList<>(CLAIM_BATCH);
        try (ResultSet rs = claim.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getObject("id", UUID.class));
          }
        }
        connection.commit();
        if (ids.isEmpty()) {
          break;
        }
        for (UUID id : ids) {
          queued.put(id);
        }
        claimed += ids.size();
      }
    } finally {
      for (int i = 0; i < OUTCOME_THREADS; i++) {
        queued.put(END);
      }
    }
    return claimed;
  }

  private static int completeAll(BenchmarkDatabase database, BlockingQueue<UUID> queued)
      throws SQLException, InterruptedException {
    int completed = 0;
    try (Connection connection = database.newConnection();
        PreparedStatement success =
            connection.prepareStatement(
                "UPDATE ceiling_operation o SET status = 'SUCCESS', result = r.result,"
                    + " worker_id = r.worker, updated = now(), last_touched = now(),"
                    + " started = coalesce(o.started,"
                    + "   now() - make_interval(secs => coalesce(r.run, 0)))"
                    + " FROM unnest(?::uuid[], ?::int4[], ?::text[], ?::jsonb[], ?::float8[])"
                    + "   AS r(id, attempt, worker, result, run)"
                    + " WHERE o.id = ANY(?) AND o.id = r.id AND o.retry_counter = r.attempt"
                    + " AND (o.status || '') IN ('QUEUED', 'PROCESSING')"
                    + " RETURNING o.id, o.trigger_function,"
                    + " extract(epoch FROM o.started - o.run_at)::float8 AS waited,"
                    + " extract(epoch FROM now() - o.started)::float8 AS ran")) {
      connection.setAutoCommit(false);
      boolean ended = false;
      while (!ended) {
        List<UUID> batch = new ArrayList<>(OUTCOME_BATCH);
        batch.add(queued.take());
        queued.drainTo(batch, OUTCOME_BATCH - 1);
        ended = batch.remove(END);
        if (batch.isEmpty()) {
          break;
        }
        int n = batch.size();
        Integer[] attempts = new Integer[n];
        String[] workers = new String[n];
        String[] results = new String[n];
        Double[] runs = new Double[n];
        Arrays.fill(attempts, 1);
        Arrays.fill(workers, "ceiling");
        Arrays.fill(results, "{}");
        Arrays.fill(runs, 0.0);
        success.setArray(1, connection.createArrayOf("uuid", batch.toArray()));
        success.setArray(2, connection.createArrayOf("int4", attempts));
        success.setArray(3, connection.createArrayOf("text", workers));
        success.setArray(4, connection.createArrayOf("text", results));
        success.setArray(5, connection.createArrayOf("float8", runs));
        success.setArray(6, connection.createArrayOf("uuid", batch.toArray()));
        try (ResultSet rs = success.executeQuery()) {
          while (rs.next()) {
            completed++;
          }
        }
        connection.commit();
      }
      return completed;
    }
  }
}
