package org.opsframework.scheduler.dispatch;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Where the dispatcher sleeps between passes. A submit, a retry or a notification from another
 * scheduler wakes it at once; a wake that arrives while it is busy is remembered for the next wait.
 */
@Component
public class DispatchWaiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private boolean pending;

  /** Ends the current (or next) wait early. */
  public void wake() {
    lock.lock();
    try {
      pending = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until woken or until {@code max} has passed.
   *
   * @return whether it was woken
   */
  public boolean await(Duration max) throws InterruptedException {
    lock.lock();
    try {
      long nanos = max.toNanos();
      while (!pending && nanos > 0) {
        nanos = woken.awaitNanos(nanos);
      }
      boolean wasWoken = pending;
      pending = false;
      return wasWoken;
    } finally {
      lock.unlock();
    }
  }
}
