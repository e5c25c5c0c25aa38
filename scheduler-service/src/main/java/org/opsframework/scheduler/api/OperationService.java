package org.opsframework.scheduler.api;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.opsframework.scheduler.persistence.NewOperation;
import org.opsframework.scheduler.persistence.Operation;
import org.opsframework.scheduler.persistence.OperationFilter;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.opsframework.scheduler.persistence.OperationRepository.Inserted;
import org.opsframework.scheduler.persistence.OperationStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What the REST API does, in transactions, waking the dispatcher when work becomes due. */
@Service
class OperationService {

  private final OperationRepository repository;
  private final TransactionTemplate transactions;
  private final DispatchWaiter waiter;

  OperationService(
      OperationRepository repository, TransactionTemplate transactions, DispatchWaiter waiter) {
    this.repository = repository;
    this.transactions = transactions;
    this.waiter = waiter;
  }

  /** Stores all operations in one transaction, or none of them. */
  List<Inserted> submit(List<NewOperation> operations) {
    List<Inserted> stored =
        transactions.execute(
            tx -> {
              List<Inserted> all = repository.insertAll(operations);
              Set<UUID> inThisBatch = new HashSet<>();
              operations.forEach(op -> inThisBatch.add(op.id()));
              for (int i = 0; i < all.size(); i++) {
                checkSameRequest(operations.get(i), all.get(i), inThisBatch);
              }
              repository.notifyDue();
              return all;
            });
    waiter.wake();
    return stored;
  }

  /**
   * An operation that already held the idempotency key is returned when it is the same request. A
   * key reused for a different function or different inputs is a client error; it rolls back the
   * whole batch.
   */
  private static void checkSameRequest(NewOperation op, Inserted stored, Set<UUID> inThisBatch) {
    Operation existing = stored.operation();
    if (stored.created()
        || (existing.triggerFunction().equals(op.triggerFunction())
            && existing.inputs().equals(op.inputs()))) {
      return;
    }
    String key = "idempotencyKey '" + op.idempotencyKey() + "' of owner '" + op.owner() + "'";
    throw new ApiProblem(
        HttpStatus.CONFLICT,
        "idempotency-key-reused",
        "Idempotency key reused",
        inThisBatch.contains(existing.id())
            ? key
                + " appears twice in this batch with different trigger functions or inputs;"
                + " nothing was stored"
            : key
                + " was used for operation "
                + existing.id()
                + " with a different trigger function or inputs; use a new key");
  }

  Operation get(UUID id) {
    return repository.find(id).orElseThrow(() -> ApiProblem.notFound(id));
  }

  OperationPage list(OperationFilter filter) {
    List<Operation> items = repository.list(filter);
    UUID next = items.size() < filter.limit() ? null : items.get(items.size() - 1).id();
    return new OperationPage(items, next);
  }

  Operation cancel(UUID id) {
    return repository.cancel(id).orElseThrow(() -> refusal(id, "cancelled", "it has finished"));
  }

  Operation retry(UUID id, int budget) {
    Operation retried =
        repository.retry(id, budget).orElseThrow(() -> refusal(id, "retried", "it is not FAILED"));
    repository.notifyDue();
    waiter.wake();
    return retried;
  }

  /**
   * Completes a WAIT operation from outside: SUCCESS with the callback's result, or FAILED with its
   * error. The body must already be checked.
   */
  Operation callback(UUID id, CallbackRequest callback) {
    Optional<Operation> completed =
        callback.succeeded()
            ? repository.completeWaiting(id, callback.result())
            : repository.failWaiting(id, callback.errorClass(), callback.error().message());
    return completed.orElseThrow(
        () -> refusal(id, "completed by a callback", "only a WAIT operation takes one"));
  }

  private ApiProblem refusal(UUID id, String verb, String why) {
    Operation current = get(id);
    OperationStatus status = current.status();
    return ApiProblem.conflict(
        "operation " + id + " is " + status + " and cannot be " + verb + ": " + why);
  }
}
