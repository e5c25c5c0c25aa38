package org.opsframework.common.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The RabbitMQ names and declarations shared by scheduler and workers. Everything hangs off one
 * prefix, so separate installations (or test runs) on one broker never see each other's messages.
 *
 * <ul>
 *   <li>{@code <prefix>}: durable topic exchange for operations, routing key = trigger function
 *   <li>{@code <prefix>.<pool>}: one quorum queue per worker pool, bound to the pool's functions
 *   <li>{@code <prefix>.results}: outcomes and liveness reports for the scheduler(s)
 *   <li>{@code <prefix>.dead}: exchange for messages a queue gave up on, read by the scheduler
 * </ul>
 *
 * @param prefix the common prefix of every name
 * @param deliveryLimit how often a pool queue delivers one message before dead-lettering it; bounds
 *     how many workers one poisonous operation can crash per attempt
 */
public record Topology(String prefix, int deliveryLimit) {

  public String operationsExchange() {
    return prefix;
  }

  public String poolQueue(String pool) {
    return prefix + "." + pool;
  }

  public String resultsQueue() {
    return prefix + ".results";
  }

  public String deadLetterExchange() {
    return prefix + ".dead";
  }

  /** Holds operations dead-lettered by a pool queue (delivery limit reached). */
  public String deadOperationsQueue() {
    return prefix + ".dead-operations";
  }

  /** Holds result messages the scheduler could not read, for a person to inspect. */
  public String deadResultsQueue() {
    return prefix + ".dead-results";
  }

  /** The exchanges and queues the scheduler consumes from or publishes to. */
  public Declarables schedulerDeclarables() {
    List<Declarable> all = new ArrayList<>(shared());
    Queue deadOperations = QueueBuilder.durable(deadOperationsQueue()).quorum().build();
    Queue deadResults = QueueBuilder.durable(deadResultsQueue()).quorum().build();
    all.add(deadOperations);
    all.add(deadResults);
    all.add(BindingBuilder.bind(deadOperations).to(deadExchange()).with("operation"));
    all.add(BindingBuilder.bind(deadResults).to(deadExchange()).with("result"));
    return new Declarables(all);
  }

  /** The exchanges and queue a worker pool needs, with one binding per function it serves. */
  public Declarables workerDeclarables(String pool, Collection<String> functions) {
    List<Declarable> all = new ArrayList<>(shared());
    Queue queue =
        QueueBuilder.durable(poolQueue(pool))
            .quorum()
            .deliveryLimit(deliveryLimit)
            .deadLetterExchange(deadLetterExchange())
            .deadLetterRoutingKey("operation")
            .build();
    all.add(queue);
    TopicExchange exchange = new TopicExchange(operationsExchange(), true, false);
    for (String function : functions) {
      Binding binding = BindingBuilder.bind(queue).to(exchange).with(function);
      all.add(binding);
    }
    return new Declarables(all);
  }

  private List<Declarable> shared() {
    Queue results =
        QueueBuilder.durable(resultsQueue())
            .quorum()
            .deadLetterExchange(deadLetterExchange())
            .deadLetterRoutingKey("result")
            .build();
    return List.of(new TopicExchange(operationsExchange(), true, false), deadExchange(), results);
  }

  private DirectExchange deadExchange() {
    return new DirectExchange(deadLetterExchange(), true, false);
  }
}
