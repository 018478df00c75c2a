package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's {@link DatabricksApi}: refuses writes while planning, stops at the request boundary
 * once the run is cancelled, attributes each request to the step, and resolves an ambiguous
 * failure of a reconciled create by its read before any re-send. Not API.
 */
final class ScopedApi implements DatabricksApi {

  private static final Logger log = LoggerFactory.getLogger(ScopedApi.class);

  private final StepScope scope;
  private final ApiCaller caller;

  ScopedApi(StepScope scope, ApiCaller caller) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.caller = Objects.requireNonNull(caller, "caller");
  }

  @Override
  public URI host() {
    return caller.host();
  }

  @Override
  public JsonNode get(String path, Map<String, String> query) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    scope.throwIfCancelled();
    return caller.call(ApiRequest.get(scope.stepName(), path, query));
  }

  @Override
  public JsonNode send(Write write) {
    Objects.requireNonNull(write, "write");
    if (scope.run().phase() == RunContext.Phase.PLAN) {
      throw new IllegalStateException(
          "step '" + scope.stepName() + "' tried " + write.method() + " " + write.path() + " while planning; plans send GET requests only");
    }
    scope.throwIfCancelled();
    switch (write.safety()) {
      case IDEMPOTENT:
        return caller.call(request(write, ApiRequest.Safety.IDEMPOTENT_WRITE));
      case NEVER_RETRIED:
        return caller.call(request(write, ApiRequest.Safety.ONCE));
      default:
        return reconciledCreate(write);
    }
  }

  private JsonNode reconciledCreate(Write write) {
    ApiRequest request = request(write, ApiRequest.Safety.CREATE);
    try {
      return caller.call(request);
    } catch (OnboardingTransportException | CasApiException e) {
      if (!isAmbiguous(e)) {
        throw e;
      }
      // The create may have happened: read before deciding, never re-send blindly.
      log.debug("{}: {} {} ended ambiguously; reconciling by read", scope.stepName(), write.method(), write.path());
      Optional<JsonNode> found = write.reconcile().orElseThrow().apply(this);
      if (found.isPresent()) {
        return found.get();
      }
      scope.throwIfCancelled();
      return caller.call(request);
    }
  }

  /** True when the server may have acted on a request whose answer we did not get. */
  static boolean isAmbiguous(RuntimeException e) {
    if (e instanceof OnboardingTransportException) {
      return ((OnboardingTransportException) e).maybeApplied();
    }
    return e instanceof CasApiException && ((CasApiException) e).statusCode() >= 500;
  }

  private ApiRequest request(Write write, ApiRequest.Safety safety) {
    return new ApiRequest(write.method(), write.path(), Map.of(), write.body(), scope.stepName(), safety);
  }
}
