package org.opsframework.scheduler.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Turns every refusal into an RFC 9457 problem detail that says what is wrong. */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
    log.debug("Refused request: {}", problem.getMessage());
    return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    return refused(
        ApiProblem.badRequest(
            "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'"));
  }

  /** Unreadable bodies: say where the JSON went wrong instead of a generic 400. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail = "the request body is not valid JSON for this endpoint";
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof JacksonException jackson) {
      detail += ": " + jackson.getOriginalMessage() + location(jackson);
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body")) {
      detail = "the request body is missing";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(ApiProblem.typeUri("malformed-json"));
    problem.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(problem);
  }

  private static String location(JacksonException e) {
    String path = e.getPathReference();
    return path == null || path.isBlank() ? "" : " (at " + path + ")";
  }
}
