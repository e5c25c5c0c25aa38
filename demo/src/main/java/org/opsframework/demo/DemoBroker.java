package org.opsframework.demo;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.opsframework.common.messaging.Topology;

/** Removes the exchanges and queues a demo run's services declared under the run's prefix. */
final class DemoBroker {

  private DemoBroker() {}

  /**
   * Deletes the run's queues and exchanges; the names come from the same {@link Topology} the
   * services use.
   */
  static void removeObjects(DemoEnvironment services, String prefix, List<String> pools) {
    Topology topology = new Topology(prefix, 1);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(services.rabbitHost());
    factory.setPort(services.rabbitPort());
    try (Connection connection = factory.newConnection("demo-cleanup");
        Channel channel = connection.createChannel()) {
      for (String pool : pools) {
        channel.queueDelete(topology.poolQueue(pool));
      }
      channel.queueDelete(topology.resultsQueue());
      channel.queueDelete(topology.deadOperationsQueue());
      channel.queueDelete(topology.deadResultsQueue());
      channel.exchangeDelete(topology.operationsExchange());
      channel.exchangeDelete(topology.deadLetterExchange());
    } catch (IOException | TimeoutException e) {
      throw DemoFailure.failed(
          "could not remove the RabbitMQ queues and exchanges of prefix "
              + prefix
              + ": "
              + e.getMessage());
    }
  }
}
