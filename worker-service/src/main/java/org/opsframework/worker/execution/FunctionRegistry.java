package org.opsframework.worker.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opsframework.common.TriggerFunction;
import org.opsframework.worker.config.WorkerProperties;
import org.springframework.stereotype.Component;

/**
 * The trigger functions this worker serves: the function beans of the process, narrowed to the
 * pool's {@code operations.pool.functions} when that is set.
 */
@Component
public class FunctionRegistry {

  private final Map<String, TriggerFunction> served;

  FunctionRegistry(List<TriggerFunction> available, WorkerProperties properties) {
    Map<String, TriggerFunction> byName = new LinkedHashMap<>();
    for (TriggerFunction function : available) {
      TriggerFunction clash = byName.put(function.name(), function);
      if (clash != null) {
        throw new IllegalStateException(
            "two trigger functions are named '"
                + function.name()
                + "': "
                + clash.getClass().getName()
                + " and "
                + function.getClass().getName());
      }
    }
    List<String> wanted = properties.pool().functions();
    if (wanted.isEmpty()) {
      this.served = Map.copyOf(byName);
    } else {
      Map<String, TriggerFunction> selected = new LinkedHashMap<>();
      for (String name : wanted) {
        TriggerFunction function = byName.get(name);
        if (function == null) {
          throw new IllegalStateException(
              "operations.pool.functions names '"
                  + name
                  + "', which this worker does not have; available: "
                  + byName.keySet());
        }
        selected.put(name, function);
      }
      this.served = Map.copyOf(selected);
    }
    if (served.isEmpty()) {
      throw new IllegalStateException("this worker has no trigger functions to serve");
    }
  }

  public Set<String> names() {
    return served.keySet();
  }

  Optional<TriggerFunction> find(String name) {
    return Optional.ofNullable(served.get(name));
  }
}
