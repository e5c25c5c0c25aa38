package org.opsframework.scheduler.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the API refuses, with the RFC 9457 problem it answers. Each kind has a stable {@code
 * type} so clients can tell them apart without parsing the text.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final List<String> errors;

  public ApiProblem(HttpStatus status, String type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public ApiProblem(
      HttpStatus status, String type, String title, String detail, List<String> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem notFound(Object id) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND, "not-found", "Operation not found", "no operation with id " + id);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, "invalid-state", "Invalid state", detail);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
  }

  /** The problem detail body; {@code errors} lists every problem when there is more than one. */
  public ProblemDetail toProblemDetail() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
    problem.setType(typeUri(type));
    problem.setTitle(title);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  public HttpStatus status() {
    return status;
  }

  static URI typeUri(String type) {
    return URI.create("urn:operations:problem:" + type);
  }
}
