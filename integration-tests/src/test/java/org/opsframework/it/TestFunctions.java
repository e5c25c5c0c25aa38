package org.opsframework.it;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.OperationWait;
import org.opsframework.common.TriggerFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Trigger functions that only tests use, added to a worker's context. */
@Configuration(proxyBeanMethods = false)
class TestFunctions {

  /** Names to add to the scheduler's known functions. */
  static final String NAMES =
      "countingNoop,flaky,alwaysFails,blockUntilReleased,haltWorker,waitForCallback,noop,sleep";

  /** How often each operation ran, across every in-process worker. */
  static final Map<UUID, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

  /** Latches that {@code blockUntilReleased} waits on, by operation id. */
  static final Map<UUID, CountDownLatch> RELEASES = new ConcurrentHashMap<>();

  static CountDownLatch releaseOf(UUID id) {
    return RELEASES.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  @Bean
  TriggerFunction countingNoop() {
    return function(
        "countingNoop",
        (ctx, inputs) -> {
          EXECUTIONS.computeIfAbsent(ctx.operationId(), k -> new AtomicInteger()).incrementAndGet();
          return JsonNodeFactory.instance.objectNode();
        });
  }

  /** Fails (retryably) on the first {@code failures} attempts, then returns the attempt. */
  @Bean
  TriggerFunction flaky() {
    return function(
        "flaky",
        (ctx, inputs) -> {
          if (ctx.attempt() <= inputs.get("failures").asInt()) {
            throw new IllegalStateException("flaky failure on attempt " + ctx.attempt());
          }
          return JsonNodeFactory.instance.objectNode().put("attempt", ctx.attempt());
        });
  }

  @Bean
  TriggerFunction alwaysFails() {
    return function(
        "alwaysFails",
        (ctx, inputs) -> {
          throw OperationFailure.retryable("always fails, attempt " + ctx.attempt());
        });
  }

  /** Runs until the test releases it, then returns the attempt. */
  @Bean
  TriggerFunction blockUntilReleased() {
    return function(
        "blockUntilReleased",
        (ctx, inputs) -> {
          if (!releaseOf(ctx.operationId()).await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
          return JsonNodeFactory.instance.objectNode().put("attempt", ctx.attempt());
        });
  }

  /** Kills the worker's JVM on the spot, as a crashing native decoder would. */
  @Bean
  TriggerFunction haltWorker() {
    return function(
        "haltWorker",
        (ctx, inputs) -> {
          Runtime.getRuntime().halt(3);
          return null;
        });
  }

  /** Asks to wait for a callback on every run, and counts its runs in {@link #EXECUTIONS}. */
  @Bean
  TriggerFunction waitForCallback() {
    return function(
        "waitForCallback",
        (ctx, inputs) -> {
          EXECUTIONS.computeIfAbsent(ctx.operationId(), k -> new AtomicInteger()).incrementAndGet();
          throw OperationWait.forCallback("approval, asked on attempt " + ctx.attempt());
        });
  }

  /** The body of a test function. */
  @FunctionalInterface
  interface Body {
    JsonNode run(OperationContext context, ObjectNode inputs) throws Exception;
  }

  private static TriggerFunction function(String name, Body body) {
    return new TriggerFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public JsonNode run(OperationContext context, ObjectNode inputs) throws Exception {
        return body.run(context, inputs);
      }
    };
  }
}
