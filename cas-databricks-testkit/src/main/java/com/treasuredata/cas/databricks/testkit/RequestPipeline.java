package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which one request meets the test controls: route and identify, fault rules, rate
 * limits, the engine's handler, after-handler faults, then the journal. Requests of one fake are
 * serialised on the engine.
 */
final class RequestPipeline {

  private static final Logger log = LoggerFactory.getLogger(FakeDatabricks.class);

  private final Engine engine;
  private final FakeClock clock;
  private final Journal journal;
  private final Faults faults;
  private final RateLimits rateLimits;
  private final Duration latency;
  private ConcurrencyLimits concurrency = new ConcurrencyLimits();

  RequestPipeline(Engine engine, FakeClock clock, Journal journal, Faults faults, RateLimits rateLimits, Duration latency) {
    this.engine = engine;
    this.clock = clock;
    this.journal = journal;
    this.faults = faults;
    this.rateLimits = rateLimits;
    this.latency = latency;
  }

  FakeResponse handle(FakeRequest request) {
    return handle(request, null);
  }

  void concurrency(ConcurrencyLimits limits) {
    this.concurrency = limits;
  }

  /**
   * Like {@link #handle}, but answers null, having done nothing, when the request's target host is
   * neither the account's nor a workspace's: one turn of the engine's lock for both.
   */
  FakeResponse handleIfKnownHost(FakeRequest request, java.util.function.Consumer<ConcurrencyLimits.Admission> admitted) {
    synchronized (engine) {
      return engine.hosts().isKnownHost(request.targetHost()) ? handle(request, admitted) : null;
    }
  }

  /** With {@code admitted}, a request a concurrency limit admits holds its slot until the caller releases it. */
  FakeResponse handle(FakeRequest request, java.util.function.Consumer<ConcurrencyLimits.Admission> admitted) {
    synchronized (engine) {
      long now = clock.millis();
      Engine.Prepared p = engine.prepare(request);
      Duration delay = latency;
      if (!p.routed()) {
        Engine.Outcome o = engine.execute(p, now);
        record(request, p, now, o.status(), null, true);
        return new FakeResponse(o.status(), o.headers(), o.body(), Optional.empty(), delay);
      }
      FaultRule rule = faults.fire(request.method(), request.path(), p.principal());
      Fault fault = rule == null ? null : rule.fault();
      if (fault != null) {
        switch (fault.kind()) {
          case STATUS: {
            Map<String, String> headers = new LinkedHashMap<>(fault.headers());
            if (fault.body().startsWith("{")) {
              headers.putIfAbsent("Content-Type", "application/json");
            }
            record(request, p, now, fault.status(), rule.id(), false);
            return new FakeResponse(fault.status(), headers, fault.body(), Optional.empty(), delay);
          }
          case CONNECTION:
            record(request, p, now, 0, rule.id(), false);
            return connectionFault(fault, delay);
          case LATENCY:
            delay = delay.plus(fault.latency());
            break;
          default:
            break;
        }
      }
      RateLimits.Refusal refusal = rateLimits.check(request.method(), request.path(), clock.now());
      if (refusal != null) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (rateLimits.sendsRetryAfter()) {
          headers.put("Retry-After", Long.toString(Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000)));
        }
        record(request, p, now, 429, refusal.rule().id(), false);
        return new FakeResponse(429, headers,
            "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Exceeded the rate limit of " + refusal.rule().budget()
                + " requests per " + refusal.rule().window().toMillis() + " ms for " + request.method() + " "
                + request.path() + ". Please retry later.\"}",
            Optional.empty(), delay);
      }
      ConcurrencyLimits.Admission admission = concurrency.admit(p.workspaceId(), request.path(), delay, admitted != null);
      if (admission == null) {
        FakeResponse busy = concurrency.refusal(p.workspaceId(), request.path(), rateLimits.sendsRetryAfter(), delay);
        record(request, p, now, busy.status(), "concurrency-limit", false);
        return busy;
      }
      if (admitted != null) {
        admitted.accept(admission);
      }
      Engine.Outcome o = engine.execute(p, now);
      if (fault != null && fault.kind() == Fault.Kind.AFTER_HANDLER) {
        Map<String, String> headers = new LinkedHashMap<>(fault.headers());
        if (fault.body().startsWith("{")) {
          headers.putIfAbsent("Content-Type", "application/json");
        }
        record(request, p, now, fault.status(), rule.id(), false);
        return new FakeResponse(fault.status(), headers, fault.body(), Optional.empty(), delay);
      }
      if (fault != null && fault.kind() == Fault.Kind.CONNECTION_AFTER_HANDLER) {
        record(request, p, now, 0, rule.id(), false);
        return connectionFault(fault, delay);
      }
      record(request, p, now, o.status(), rule == null ? null : rule.id(), false);
      return new FakeResponse(o.status(), o.headers(), o.body(), Optional.empty(), delay);
    }
  }

  private static FakeResponse connectionFault(Fault fault, Duration delay) {
    // the status is never sent: the front end drops or stalls the connection instead
    return new FakeResponse(500, Map.of(), "", fault.connection(), delay);
  }

  private void record(FakeRequest request, Engine.Prepared p, long now, int status, String fault, boolean unknown) {
    if (log.isDebugEnabled()) {
      log.debug("{} {} -> {} (principal {}, fault {})", request.method(), request.path(), status, p.principal(), fault);
    }
    if (unknown) {
      log.warn("FakeDatabricks has no route for {} {}", request.method(), request.path());
    }
    journal.append(java.time.Instant.ofEpochMilli(now), request.method(), request.path(), request.rawQuery(), status,
        p.principal(), p.isWrite(), p.workspaceId(), fault, unknown);
  }
}
