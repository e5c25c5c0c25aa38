package org.opsframework.scheduler.api;

import java.util.List;

/** The body of a batch submit: stored all together, or none when any one is refused. */
public record BatchRequest(List<SubmitRequest> operations) {}
