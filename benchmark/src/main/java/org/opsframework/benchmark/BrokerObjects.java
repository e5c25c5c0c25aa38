package org.opsframework.benchmark;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.opsframework.common.messaging.Topology;

/**
 * The benchmark's exchanges and queues on the local broker, all under its own prefix. Uses the
 * plain RabbitMQ client, one channel per call, since a failed passive declare closes its channel.
 */
final class BrokerObjects {

  private final Topology topology;
  private final String pool;

  BrokerObjects(String prefix, String pool) {
    this.topology = new Topology(prefix, 5);
    this.pool = pool;
  }

  String poolQueue() {
    return topology.poolQueue(pool);
  }

  String resultsQueue() {
    return topology.resultsQueue();
  }

  /** Consumers on the pool's queue, as the broker sees them; 0 while the queue does not exist. */
  int consumers() {
    try (Connection connection = connect();
        Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive(topology.poolQueue(pool)).getConsumerCount();
    } catch (IOException | TimeoutException e) {
      return 0;
    }
  }

  /**
   * Deletes every queue and exchange the services declared under the prefix.
   *
   * @return what could not be deleted, with the reason; empty when all went
   */
  List<String> delete() {
    List<String> problems = new ArrayList<>();
    try (Connection connection = connect()) {
      for (String queue :
          List.of(
              topology.poolQueue(pool),
              topology.resultsQueue(),
              topology.deadOperationsQueue(),
              topology.deadResultsQueue())) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        } catch (IOException | TimeoutException e) {
          problems.add("queue " + queue + ": " + e);
        }
      }
      for (String exchange :
          List.of(topology.operationsExchange(), topology.deadLetterExchange())) {
        try (Channel channel = connection.createChannel()) {
          channel.exchangeDelete(exchange);
        } catch (IOException | TimeoutException e) {
          problems.add("exchange " + exchange + ": " + e);
        }
      }
    } catch (IOException | TimeoutException e) {
      problems.add("broker: " + e);
    }
    return problems;
  }

  static Connection connect() throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(LocalServers.HOST);
    factory.setPort(LocalServers.RABBIT_PORT);
    factory.setUsername(LocalServers.RABBIT_USER);
    factory.setPassword(LocalServers.RABBIT_PASSWORD);
    return factory.newConnection("cleanup-benchmark");
  }
}
