package org.opsframework.scheduler.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads an operation row, JSON columns included. */
final class OperationRowMapper implements RowMapper<Operation> {

  private final JsonMapper json;

  OperationRowMapper(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Operation mapRow(ResultSet rs, int rowNum) throws SQLException {
    return new Operation(
        rs.getObject("id", java.util.UUID.class),
        rs.getString("trigger_function"),
        (ObjectNode) json(rs, "inputs"),
        OperationStatus.valueOf(rs.getString("status")),
        rs.getInt("priority"),
        rs.getInt("retry_counter"),
        rs.getInt("max_retries"),
        instant(rs, "run_at"),
        json(rs, "result"),
        json(rs, "error_info"),
        rs.getString("owner"),
        rs.getString("idempotency_key"),
        instant(rs, "created"),
        instant(rs, "updated"),
        instant(rs, "started"),
        instant(rs, "last_touched"),
        rs.getString("worker_id"),
        instant(rs, "wait_until"),
        rs.getInt("wait_count"));
  }

  private JsonNode json(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : json.readTree(text);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
