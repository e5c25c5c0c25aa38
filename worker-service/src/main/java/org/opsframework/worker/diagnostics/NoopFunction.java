package org.opsframework.worker.diagnostics;

import org.opsframework.common.OperationContext;
import org.opsframework.common.TriggerFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Does nothing and succeeds: measures the platform's own cost per operation. */
@Component
@ConditionalOnBooleanProperty("operations.diagnostic-functions")
class NoopFunction implements TriggerFunction {

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode inputs) {
    return JsonNodeFactory.instance.objectNode();
  }
}
