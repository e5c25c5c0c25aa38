package org.opsframework.worker.config;

import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.Topology;
import org.opsframework.worker.execution.FunctionRegistry;
import org.opsframework.worker.execution.OperationConsumer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The worker's RabbitMQ side: its pool queue, bindings and consumer. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  Topology topology(WorkerProperties properties) {
    return new Topology(properties.messaging().prefix(), properties.messaging().deliveryLimit());
  }

  @Bean
  Declarables workerDeclarables(
      Topology topology, WorkerProperties properties, FunctionRegistry functions) {
    return topology.workerDeclarables(properties.pool().name(), functions.names());
  }

  @Bean
  MessageCodec messageCodec(JsonMapper json) {
    return new MessageCodec(json);
  }

  /** Returns are read from each publish's correlation data; this only silences the default log. */
  @Bean
  RabbitTemplateCustomizer returnsAreCorrelated() {
    return template -> template.setReturnsCallback(returned -> {});
  }

  /**
   * One consumer thread per unit of concurrency, each holding at most {@code prefetch}
   * unacknowledged operations (by default one: a crash returns at most {@code concurrency} to the
   * queue, and an idle sibling process is never starved by a full prefetch buffer here). It stops
   * before the outcome sender, which settles what its consumers handed over.
   */
  @Bean
  SimpleMessageListenerContainer operationContainer(
      ConnectionFactory connections,
      Topology topology,
      WorkerProperties properties,
      OperationConsumer consumer) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(topology.poolQueue(properties.pool().name()));
    container.setMessageListener(consumer);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setConcurrentConsumers(properties.pool().concurrency());
    container.setPrefetchCount(properties.pool().prefetch());
    container.setShutdownTimeout(properties.execution().gracePeriod().toMillis());
    return container;
  }
}
