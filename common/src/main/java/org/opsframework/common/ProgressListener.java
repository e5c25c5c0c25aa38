package org.opsframework.common;

/** Receives liveness signals from a running trigger function. */
@FunctionalInterface
public interface ProgressListener {

  /**
   * The function is still working. Workers report every running operation alive on their own every
   * touch interval; a touch from the function is forwarded at once, at most once a second.
   */
  void touch();

  /** A listener that ignores every signal, for running functions outside a worker. */
  ProgressListener NONE = () -> {};
}
