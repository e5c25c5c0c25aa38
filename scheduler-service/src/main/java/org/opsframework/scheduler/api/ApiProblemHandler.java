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

  /** The database is unreachable or overloaded: nothing was stored; the client may retry. */
  @ExceptionHandler({
    org.springframework.dao.TransientDataAccessException.class,
    org.springframework.dao.DataAccessResourceFailureException.class,
    org.springframework.dao.RecoverableDataAccessException.class,
    org.springframework.transaction.TransactionSystemException.class,
    org.springframework.transaction.CannotCreateTransactionException.class,
    org.springframework.jdbc.CannotGetJdbcConnectionException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
    log.warn("Refusing a request: the database is unavailable ({})", e.toString());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the database is unavailable; nothing was stored, try again shortly");
    problem.setType(ApiProblem.typeUri("database-unavailable"));
    problem.setTitle("Database unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }

  /** Anything unexpected: logged with its stack trace, answered as a problem without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
    if (e instanceof org.springframework.web.ErrorResponse) {
      throw e; // Spring's own 4xx exceptions: handled by the base class
    }
    if (lostConnection(e)) {
      return databaseUnavailable(e);
    }
    log.error("Request failed unexpectedly", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "the request failed unexpectedly; the scheduler's log has the details");
    problem.setType(ApiProblem.typeUri("internal-error"));
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  /** Whether a JDBC connection failure (SQLState class 08) is anywhere in the cause chain. */
  private static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
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
