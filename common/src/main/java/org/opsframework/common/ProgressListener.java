package org.opsframework.common;

/** Receives liveness signals from a running trigger function. */
@FunctionalInterface
public interface ProgressListener {

  /** The function is still working; the worker forwards this to the scheduler, rate-limited. */
  void touch();

  /** A listener that ignores every signal, for running functions outside a worker. */
  ProgressListener NONE = () -> {};
}
