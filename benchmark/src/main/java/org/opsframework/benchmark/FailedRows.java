package org.opsframework.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the operation table with FAILED rows in one statement. Their {@code updated} is spread
 * evenly over the last {@link #SPAN_HOURS} hours, so that {@link #OLD_SHARE} of them are older than
 * 24 hours; rows are inserted oldest first, as production would have written them. Ids are
 * time-ordered (UUID version 7 layout: the {@code created} millisecond, then pseudo-random bits),
 * like the ones the scheduler gives.
 */
final class FailedRows {

  /** Share of the rows older than 24 hours. */
  static final double OLD_SHARE = 0.6;

  /** 24 hours is {@code 1 - OLD_SHARE} of the span. */
  static final double SPAN_HOURS = 24 / (1 - OLD_SHARE);

  private static final String FILL =
      """
      INSERT INTO operation (id, trigger_function, inputs, status, priority, retry_counter,
          max_retries, run_at, error_info, owner, created, updated, started, last_touched,
          worker_id)
      SELECT
          (lpad(to_hex(floor(extract(epoch FROM t.created) * 1000)::bigint), 12, '0')
              || '7' || substr(t.bits, 1, 3) || '8' || substr(t.bits, 4, 15))::uuid,
          (ARRAY['generateThumbnail', 'generateRendition', 'extractMetadata',
                 'computeChecksum'])[1 + g.i % 4],
          jsonb_build_object('sourcePath', 'input/asset-' || g.i || '.jpg'),
          'FAILED', 0, 3, 3, t.created,
          jsonb_build_object('errorClass', 'java.io.IOException',
                             'message', 'cannot read input/asset-' || g.i || '.jpg'),
          'benchmark', t.created, t.updated, t.created + interval '1 second', t.updated,
          'bench-filler'
      FROM generate_series(1, ?) AS g(i)
      CROSS JOIN LATERAL (
          SELECT u.updated, u.updated - interval '2 minutes' AS created, md5(g.i::text) AS bits
          FROM (SELECT now() - make_interval(secs => (? - g.i) * ? / ?) AS updated) u
      ) t
      """;

  private FailedRows() {}

  /**
   * Inserts {@code rows} FAILED operations, then vacuums and analyzes the table and takes a
   * checkpoint, so the measured phases start from a settled table and the fill's WAL does not force
   * a checkpoint in the middle of them.
   *
   * @return the insert's and the vacuum's durations
   */
  static FillTimes fill(Connection connection, long rows) throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement insert = connection.prepareStatement(FILL)) {
      insert.setLong(1, rows);
      insert.setLong(2, rows);
      insert.setDouble(3, SPAN_HOURS * 3600);
      insert.setLong(4, rows);
      insert.executeUpdate();
    }
    long inserted = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      // This session's insert counts would otherwise reach the statistics after ANALYZE has set
      // the live count, and be counted twice.
      statement.execute("SELECT pg_stat_force_next_flush()");
      statement.execute("VACUUM ANALYZE operation");
      statement.execute("CHECKPOINT");
    }
    long vacuumed = System.nanoTime();
    return new FillTimes((inserted - start) / 1e9, (vacuumed - inserted) / 1e9);
  }

  /**
   * @param insertSeconds the {@code INSERT … SELECT … generate_series}
   * @param vacuumSeconds {@code VACUUM ANALYZE} and {@code CHECKPOINT}
   */
  record FillTimes(double insertSeconds, double vacuumSeconds) {}
}
