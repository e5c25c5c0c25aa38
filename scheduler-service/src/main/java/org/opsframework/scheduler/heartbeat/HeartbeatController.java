package org.opsframework.scheduler.heartbeat;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows each heartbeat: interval, last start, duration, counts and error, and the next run. */
@RestController
class HeartbeatController {

  private final HeartbeatRunner runner;

  HeartbeatController(HeartbeatRunner runner) {
    this.runner = runner;
  }

  @GetMapping("/api/v1/heartbeats")
  List<HeartbeatStatus> heartbeats() {
    return runner.statuses();
  }
}
