package org.opsframework.benchmark;

import java.util.concurrent.Callable;

/**
 * Runs a benchmark body and always runs its teardown: after the body, and from a shutdown hook when
 * Ctrl-C or SIGTERM ends the JVM first. The teardown must tolerate being called twice.
 */
final class TeardownGuard {

  private TeardownGuard() {}

  static <T> T run(Callable<T> body, Runnable teardown) throws Exception {
    Thread teardownOnExit = new Thread(teardown, "benchmark-teardown");
    Runtime.getRuntime().addShutdownHook(teardownOnExit);
    try {
      return body.call();
    } finally {
      teardown.run();
      try {
        Runtime.getRuntime().removeShutdownHook(teardownOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C, SIGTERM); the hook finds the work done
      }
    }
  }
}
