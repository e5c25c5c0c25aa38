package org.opsframework.scheduler.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requires {@code Authorization: Bearer <operations.api.token>} on every request except the few
 * that probes and tooling need: health, Prometheus metrics and the OpenAPI document. Deny by
 * default, and match on the decoded, normalized servlet path, so that no spelling of a path ({@code
 * /%61pi/...}, {@code /api;x=1/...}) reaches the API without the token.
 */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

  private final byte[] expected;
  private final JsonMapper json;

  ApiTokenFilter(SchedulerProperties properties, JsonMapper json) {
    this.expected = ("Bearer " + properties.api().token()).getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  /** Paths open without a token: exact matches, or prefixes ending in a slash. */
  private static final java.util.List<String> OPEN =
      java.util.List.of(
          "/actuator/health",
          "/actuator/health/",
          "/actuator/prometheus",
          "/v3/api-docs",
          "/v3/api-docs/",
          "/swagger-ui.html",
          "/swagger-ui/");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    for (String open : OPEN) {
      if (open.endsWith("/") ? path.startsWith(open) : path.equals(open)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(expected, given)) {
      chain.doFilter(request, response);
      return;
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED,
            header == null
                ? "missing Authorization header; send 'Authorization: Bearer <token>'"
                : "the bearer token is not valid");
    problem.setType(ApiProblem.typeUri("unauthorized"));
    problem.setTitle("Unauthorized");
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }
}
