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

  JsonNode run(TriggerFunction function, OperationContext context, ObjectNode inputs)
      throws Exception {
    Future<JsonNode> running = threads.submit(() -> function.run(context, inputs));
    long waitMillis = Math.max(0, Duration.between(clock.instant(), context.deadline()).toMillis());
    try {
      JsonNode result = running.get(waitMillis, TimeUnit.MILLISECONDS);
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

  @Override
  public void destroy() {
    threads.shutdownNow();
  }
}
