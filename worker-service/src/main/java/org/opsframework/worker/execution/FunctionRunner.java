package org.opsframework.worker.execution;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.TriggerFunction;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a trigger function on its own thread and stops waiting at the attempt's deadline, so a hung
 * function costs one attempt, not the consumer. The function's thread is interrupted then; one that
 * ignores interrupts keeps running in the background until it returns.
 */
@Component
class FunctionRunner implements DisposableBean {

  private final Clock clock;
  private final ExecutorService threads;

  FunctionRunner(Clock clock) {
    this.clock = clock;
    AtomicInteger counter = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "function-" + counter.incrementAndGet());
              // A runaway function must not keep a stopping worker alive.
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs the function until it returns or its deadline passes.
   *
   * @param slowAfter how long the function may run before {@code whenSlow} is called (on this
   *     thread); zero calls it before the function starts
   */
  JsonNode run(
      TriggerFunction function,
      OperationContext context,
      ObjectNode inputs,
      Duration slowAfter,
      Runnable whenSlow)
      throws Exception {
    if (slowAfter.isZero()) {
      whenSlow.run();
    }
    Future<JsonNode> running = threads.submit(() -> function.run(context, inputs));
    try {
      JsonNode result = awaitResult(running, context, slowAfter, whenSlow);
      if (result == null) {
        throw OperationFailure.permanent(function.name() + " returned no result");
      }
      return result;
    } catch (TimeoutException e) {
      running.cancel(true);
      throw OperationFailure.retryable(
          "timed out: still running at its deadline " + context.deadline());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (InterruptedException e) {
      running.cancel(true);
      throw e;
    }
  }

  private JsonNode awaitResult(
      Future<JsonNode> running, OperationContext context, Duration slowAfter, Runnable whenSlow)
      throws Exception {
    if (!slowAfter.isZero()) {
      try {
        return running.get(
            Math.min(slowAfter.toMillis(), millisLeft(context)), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        if (millisLeft(context) > 0) {
          whenSlow.run();
        }
      }
    }
    return running.get(millisLeft(context), TimeUnit.MILLISECONDS);
  }

  private long millisLeft(OperationContext context) {
    return Math.max(0, Duration.between(clock.instant(), context.deadline()).toMillis());
  }

  @Override
  public void destroy() {
    threads.shutdownNow();
  }
}
