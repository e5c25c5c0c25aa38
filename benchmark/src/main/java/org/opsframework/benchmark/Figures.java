package org.opsframework.benchmark;

/** The names of the throughput benchmark's figures, as the table and the JSON show them. */
final class Figures {

  static final String BURN_DOWN = "burn-down, ops/s";
  static final String BURN_DOWN_SECONDS = "burn-down duration, s";
  static final String DEAD_TUPLES = "operation dead tuples after burn-down";
  static final String TABLE_MIB = "operation table size after burn-down, MiB";
  static final String POOL_QUEUE_MAX = "pool queue, most ready messages";
  static final String RESULTS_QUEUE_MAX = "results queue, most ready messages";
  static final String SCHEDULER_CPU = "scheduler CPU s per 1,000 ops";
  static final String WORKER_CPU = "worker CPU s per 1,000 ops";
  static final String SCHEDULER_RSS = "scheduler VmRSS after burn-down, MiB";
  static final String WORKER_RSS = "worker VmRSS after burn-down, MiB";
  static final String SCHEDULER_HEAP = "scheduler heap used, MiB (-Xmx256m)";
  static final String WORKER_HEAP = "worker heap used, MiB (-Xmx256m)";
  static final String SUBMIT = "submit, ops/s accepted";
  static final String STARTED_P50 = "created→started p50, ms";
  static final String STARTED_P95 = "created→started p95, ms";
  static final String STARTED_P99 = "created→started p99, ms";
  static final String SUCCESS_P50 = "created→SUCCESS p50, ms";
  static final String SUCCESS_P95 = "created→SUCCESS p95, ms";
  static final String SUCCESS_P99 = "created→SUCCESS p99, ms";
  static final String LATENCY_COUNT = "latency operations measured";
  static final String JDBC_CEILING = "JDBC ceiling, ops/s";
  static final String RABBIT_CEILING = "RabbitMQ ceiling, ops/s";
  static final String RATIO = "burn-down / lower ceiling";
  static final String IDLE_STATEMENTS = "idle transactions/s";

  private Figures() {}
}
