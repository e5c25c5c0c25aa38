package org.opsframework.worker.functions;

import org.opsframework.common.OperationContext;

/** The boundary between two steps of a function, where it stops if the worker gave up on it. */
final class Checkpoint {

  private Checkpoint() {}

  /**
   * Throws when the thread was interrupted (the worker interrupts on the deadline), otherwise tells
   * the scheduler the operation is still alive.
   */
  static void reach(OperationContext context) throws InterruptedException {
    stopIfInterrupted();
    context.touch();
  }

  /**
   * Throws when the thread was interrupted, clearing the flag as {@link InterruptedException} does.
   */
  static void stopIfInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted; the worker gave up on this attempt");
    }
  }
}
