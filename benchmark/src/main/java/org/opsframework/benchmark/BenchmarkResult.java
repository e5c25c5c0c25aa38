package org.opsframework.benchmark;

/**
 * Everything one benchmark run measured; printed as a table and written as JSON.
 *
 * @param finished when the run ended, with the local offset
 * @param cores processors the JVM sees (PostgreSQL and RabbitMQ share them)
 * @param postgres the server's version
 * @param deletionLogging whether the per-row deletion logger was at INFO, as in production
 * @param deletionLogFile where those lines went, when they were written
 * @param rate noop operations submitted per second
 * @param submitBatch operations per batch request
 * @param rowsFilled FAILED rows inserted before the measurements
 * @param fillSeconds the {@code INSERT … SELECT … generate_series}
 * @param vacuumSeconds {@code VACUUM ANALYZE operation} and a {@code CHECKPOINT}
 * @param failedOlderThan24hAtStart FAILED rows older than 24 hours just before the clean-up
 * @param cleanup what the clean-up did and how fast
 * @param remainingFailed FAILED rows counted after the clean-up
 * @param secondRunMillis a second clean-up run straight after the first, with nothing to delete
 * @param tableAfter the operation table's statistics after the clean-up
 * @param vacuumMillis a {@code VACUUM operation} after that, which autovacuum would otherwise do
 * @param baseline the load without the clean-up
 * @param duringCleanup the same load while the clean-up ran
 */
record BenchmarkResult(
    String finished,
    int cores,
    String postgres,
    boolean deletionLogging,
    String deletionLogFile,
    int rate,
    int submitBatch,
    long rowsFilled,
    double fillSeconds,
    double vacuumSeconds,
    long failedOlderThan24hAtStart,
    TimedCleanup.CleanupResult cleanup,
    long remainingFailed,
    double secondRunMillis,
    BenchmarkDatabase.TableStatistics tableAfter,
    double vacuumMillis,
    MeasuredPhase.PhaseResult baseline,
    MeasuredPhase.PhaseResult duringCleanup) {}
