package org.opsframework.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * columns and indexes) that no scheduler reads. One thread claims batches of 100 with {@code FOR
 * UPDATE SKIP LOCKED} and marks them QUEUED in the same transaction, as the dispatcher does; four
 * threads, as many as the scheduler's result consumers, then mark each row PROCESSING and then
 * SUCCESS, one autocommit statement each, as the outcome applier does.
 */
final class JdbcCeiling {

  static final int CLAIM_BATCH = 100;
  static final int OUTCOME_THREADS = 4;

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
                "SELECT id FROM ceiling_operation WHERE status = 'PENDING' AND run_at <= now()"
                    + " ORDER BY priority DESC, run_at LIMIT "
                    + CLAIM_BATCH
                    + " FOR UPDATE SKIP LOCKED");
        PreparedStatement markQueued =
            connection.prepareStatement(
                "UPDATE ceiling_operation SET status = 'QUEUED',"
                    + " retry_counter = retry_counter + 1, updated = now(), last_touched = now(),"
                    + " started = NULL, worker_id = NULL"
                    + " WHERE id = ANY(?) AND status = 'PENDING'")) {
      connection.setAutoCommit(false);
      while (true) {
        List<UUID> ids = new ArrayList<>(CLAIM_BATCH);
        try (ResultSet rs = claim.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getObject(1, UUID.class));
          }
        }
        if (ids.isEmpty()) {
          connection.commit();
          break;
        }
        Array array = connection.createArrayOf("uuid", ids.toArray());
        markQueued.setArray(1, array);
        markQueued.executeUpdate();
        connection.commit();
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
        PreparedStatement processing =
            connection.prepareStatement(
                "UPDATE ceiling_operation SET status = 'PROCESSING', worker_id = 'ceiling',"
                    + " started = coalesce(started, now()), last_touched = now(), updated = now()"
                    + " WHERE id = ? AND retry_counter = 1 AND status IN ('QUEUED', 'PROCESSING')"
                    + " RETURNING trigger_function,"
                    + " extract(epoch FROM started - run_at)::float8");
        PreparedStatement success =
            connection.prepareStatement(
                "UPDATE ceiling_operation SET status = 'SUCCESS', result = '{}'::jsonb,"
                    + " worker_id = 'ceiling', updated = now(), last_touched = now()"
                    + " WHERE id = ? AND retry_counter = 1 AND status IN ('QUEUED', 'PROCESSING')"
                    + " RETURNING trigger_function,"
                    + " coalesce(extract(epoch FROM now() - started), 0)::float8")) {
      while (true) {
        UUID id = queued.take();
        if (id.equals(END)) {
          return completed;
        }
        processing.setObject(1, id);
        processing.executeQuery().close();
        success.setObject(1, id);
        try (ResultSet rs = success.executeQuery()) {
          if (rs.next()) {
            completed++;
          }
        }
      }
    }
  }
}
