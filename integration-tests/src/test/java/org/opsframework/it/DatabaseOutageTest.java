package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opsframework.it.ApiClient.Response;

/**
 * While the scheduler cannot reach PostgreSQL, a submit is refused with 503 and nothing is stored;
 * when the database is back, submits work again.
 */
class DatabaseOutageTest {

  static TestPlatform platform;
  static TcpProxy database;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    platform = TestPlatform.create("dboutage");
    URI server = URI.create(TestServers.postgresServerUrl().substring("jdbc:".length()));
    database = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    String url =
        platform.databaseUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + database.port() + "/");
    api =
        platform.api(
            platform.startScheduler(
                "spring.datasource.url=" + url,
                "spring.datasource.hikari.connection-timeout=2000",
                "operations.heartbeat.enabled=false"));
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    platform.close();
  }

  @Test
  void a_submit_during_a_database_outage_is_a_503_problem_and_works_again_afterwards() {
    database.cut();

    Response refused =
        api.post("/api/v1/operations", Map.of("triggerFunction", "noop", "inputs", Map.of()));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().get("type").asString())
        .isEqualTo("urn:operations:problem:database-unavailable");

    database.restore();
    Response accepted =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    api.post(
                        "/api/v1/operations",
                        Map.of("triggerFunction", "noop", "inputs", Map.of("after", true))),
                r -> r.status() == 201);
    UUID id = UUID.fromString(accepted.body().get("id").asString());
    long rows = platform.jdbc().sql("SELECT count(*) FROM operation").query(Long.class).single();
    assertThat(rows).isEqualTo(1);
    assertThat(
            platform
                .jdbc()
                .sql("SELECT count(*) FROM operation WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
