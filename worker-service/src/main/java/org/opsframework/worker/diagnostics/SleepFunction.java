package org.opsframework.worker.diagnostics;

import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.TriggerFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sleeps for {@code millis} (0 to one hour), touching once a second, then returns the attempt
 * number: stands in for long work in tests and benchmarks.
 */
@Component
@ConditionalOnBooleanProperty("operations.diagnostic-functions")
class SleepFunction implements TriggerFunction {

  private static final long MAX_MILLIS = 3_600_000;
  private static final long TOUCH_EVERY_MILLIS = 1000;

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode inputs) throws InterruptedException {
    JsonNode millisNode = inputs.get("millis");
    if (millisNode == null || !millisNode.canConvertToLong()) {
      throw OperationFailure.permanent("input 'millis' must be a whole number of milliseconds");
    }
    long millis = millisNode.asLong();
    if (millis < 0 || millis > MAX_MILLIS) {
      throw OperationFailure.permanent(
          "input 'millis' must be between 0 and " + MAX_MILLIS + ", got " + millis);
    }
    long end = System.nanoTime() + millis * 1_000_000;
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      Thread.sleep(Math.min(TOUCH_EVERY_MILLIS, left / 1_000_000 + 1));
      context.touch();
    }
    return JsonNodeFactory.instance
        .objectNode()
        .put("slept", millis)
        .put("attempt", context.attempt());
  }
}
