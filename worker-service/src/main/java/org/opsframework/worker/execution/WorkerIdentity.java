package org.opsframework.worker.execution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.opsframework.worker.config.WorkerProperties;
import org.springframework.stereotype.Component;

/** Names this worker process in outcomes and error reports: pool, host and process id. */
@Component
public class WorkerIdentity {

  private final String id;

  WorkerIdentity(WorkerProperties properties) {
    this.id = properties.pool().name() + "@" + hostName() + ":" + ProcessHandle.current().pid();
  }

  public String id() {
    return id;
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
