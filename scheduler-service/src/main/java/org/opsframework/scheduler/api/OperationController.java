package org.opsframework.scheduler.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.persistence.NewOperation;
import org.opsframework.scheduler.persistence.Operation;
import org.opsframework.scheduler.persistence.OperationFilter;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.opsframework.scheduler.persistence.OperationRepository.Inserted;
import org.opsframework.scheduler.persistence.OperationStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API for operations. Errors are RFC 9457 problem details (see {@link ApiProblemHandler}). */
@RestController
@RequestMapping("/api/v1/operations")
class OperationController {

  private final OperationService service;
  private final SubmissionValidator validator;
  private final OperationRepository repository;
  private final SchedulerProperties.Api api;

  OperationController(
      OperationService service,
      SubmissionValidator validator,
      OperationRepository repository,
      SchedulerProperties properties) {
    this.service = service;
    this.validator = validator;
    this.repository = repository;
    this.api = properties.api();
  }

  /** Submits one operation: 201 when stored, 200 when the idempotency key was seen before. */
  @PostMapping
  ResponseEntity<Operation> submit(@RequestBody SubmitRequest request) {
    NewOperation op = validator.validate(request, "");
    Inserted stored = service.submit(List.of(op)).get(0);
    Operation operation = stored.operation();
    if (!stored.created()) {
      return ResponseEntity.ok(operation);
    }
    return ResponseEntity.created(URI.create("/api/v1/operations/" + operation.id()))
        .body(operation);
  }

  /** Submits several operations in one transaction: all are stored, or none. */
  @PostMapping("/batch")
  ResponseEntity<Map<String, List<Operation>>> submitBatch(@RequestBody BatchRequest batch) {
    List<NewOperation> ops = validator.validateBatch(batch);
    List<Operation> stored = service.submit(ops).stream().map(Inserted::operation).toList();
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("operations", stored));
  }

  @GetMapping("/{id}")
  Operation get(@PathVariable UUID id) {
    return service.get(id);
  }

  /** Lists operations newest first; pass {@code nextCursor} as {@code after} for the next page. */
  @GetMapping
  OperationPage list(
      @RequestParam(required = false) OperationStatus status,
      @RequestParam(required = false) String triggerFunction,
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) Instant createdFrom,
      @RequestParam(required = false) Instant createdTo,
      @RequestParam(required = false) UUID after,
      @RequestParam(defaultValue = "50") int limit) {
    TextChecks.checkParameter("triggerFunction", triggerFunction);
    TextChecks.checkParameter("owner", owner);
    checkInstant("createdFrom", createdFrom);
    checkInstant("createdTo", createdTo);
    if (limit < 1 || limit > api.maxPageSize()) {
      throw ApiProblem.badRequest(
          "limit must be between 1 and " + api.maxPageSize() + ", got " + limit);
    }
    return service.list(
        new OperationFilter(status, triggerFunction, owner, createdFrom, createdTo, after, limit));
  }

  /** Cancels an unfinished operation; a running attempt may finish but its outcome is ignored. */
  @PostMapping("/{id}/cancel")
  Operation cancel(@PathVariable UUID id) {
    return service.cancel(id);
  }

  /** Sends a FAILED operation back to PENDING with a fresh budget of attempts. */
  @PostMapping("/{id}/retry")
  Operation retry(@PathVariable UUID id, @RequestBody(required = false) RetryRequest request) {
    Integer budget = request == null ? null : request.maxRetries();
    if (budget != null && (budget < 1 || budget > SubmissionValidator.MAX_RETRIES)) {
      throw ApiProblem.badRequest(
          "maxRetries must be between 1 and "
              + SubmissionValidator.MAX_RETRIES
              + ", got "
              + budget);
    }
    return service.retry(id, budget == null ? api.defaultMaxRetries() : budget);
  }

  /**
   * Completes a WAIT operation with {@code {"result": {...}}} (SUCCESS) or {@code {"error":
   * {"message": "...", "errorClass": "..."}}} (FAILED); 409 when it is not WAIT.
   */
  @PostMapping("/{id}/callback")
  Operation callback(@PathVariable UUID id, @RequestBody CallbackRequest request) {
    request.check();
    return service.callback(id, request);
  }

  /** How many operations each trigger function has in each status. */
  @GetMapping("/matrix")
  Map<String, Map<OperationStatus, Long>> matrix() {
    return repository.countByFunctionAndStatus();
  }

  /** PostgreSQL keeps timestamps between 4713 BC and 294276 AD; refuse what it cannot compare. */
  private static void checkInstant(String name, Instant value) {
    if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
      throw ApiProblem.badRequest(
          "parameter '" + name + "' must be between " + EARLIEST + " and " + LATEST);
    }
  }

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * The optional body of a retry.
   *
   * @param maxRetries how many more attempts; default from configuration
   */
  record RetryRequest(Integer maxRetries) {}
}
