package com.treasuredata.cas.databricks.internal.fleet;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.fleet.FleetPacing;
import com.treasuredata.cas.databricks.internal.retry.RetryAfter;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces every request of a fleet by host and endpoint family (see {@link FleetPacing}): waits for
 * a concurrency permit and a rate slot before sending, and when the server still answers with a
 * limit (429, or a 5xx {@code REQUEST_LIMIT_EXCEEDED}), lowers that lane's limit, pauses the lane and
 * sends the refused request again. Sits below auth, so it sees every request as it goes on the wire.
 * Thread-safe. Not API.
 */
public final class Pacer implements TransportInterceptor {

  /** Endpoint families with limits of their own. */
  public enum Family { SCIM, PERMISSIONS, ACCOUNT_SCIM_WRITE, OTHER }

  private final FleetPacing pacing;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong limitAnswers = new AtomicLong();
  private final AtomicLong limitReturned = new AtomicLong();

  public Pacer(FleetPacing pacing, Clock clock, Sleeper sleeper) {
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Returns the requests sent so far (re-sends included). */
  public long requests() {
    return requests.get();
  }

  /** Returns how many limit answers the server sent. */
  public long limitAnswers() {
    return limitAnswers.get();
  }

  /** Returns how many limit answers were passed up after the last re-send. */
  public long limitAnswersReturned() {
    return limitReturned.get();
  }

  /** Returns the current concurrency limit of the lane for {@code host} and {@code family} (0: none or no lane yet). */
  public int currentLimit(URI host, Family family) {
    Lane lane = lanes.get(origin(host) + " " + family);
    return lane == null ? 0 : lane.limit();
  }

  /** Returns the family of a request. */
  public static Family family(String method, String path) {
    if (path.contains("/scim/v2/")) {
      if (path.startsWith("/api/2.0/accounts/")) {
        return "GET".equals(method) ? Family.OTHER : Family.ACCOUNT_SCIM_WRITE;
      }
      return Family.SCIM;
    }
    return path.startsWith("/api/2.0/permissions/") ? Family.PERMISSIONS : Family.OTHER;
  }

  @Override
  public TransportResponse intercept(Chain chain) throws IOException {
    TransportRequest request = chain.request();
    String path = request.uri().getRawPath() == null ? "/" : request.uri().getRawPath();
    Family family = family(request.method(), path);
    Lane lane = lanes.computeIfAbsent(origin(request.uri()) + " " + family, k -> newLane(family));
    for (int attempt = 0; ; attempt++) {
      lane.enter();
      TransportResponse response;
      try {
        response = chain.proceed(request);
      } finally {
        lane.exit();
      }
      requests.incrementAndGet();
      if (!isLimitAnswer(response)) {
        lane.succeeded();
        return response;
      }
      limitAnswers.incrementAndGet();
      lane.limited(RetryAfter.parse(response.header("Retry-After"), clock).orElse(pacing.limitPause()));
      if (attempt >= pacing.maxLimitRetries()) {
        limitReturned.incrementAndGet();
        return response;
      }
    }
  }

  /** A refusal the server made without acting: 429, or a 5xx naming the limit (SCIM's concurrency limit is a 500). */
  static boolean isLimitAnswer(TransportResponse response) {
    return response.status() == 429 || (response.status() >= 500 && response.body().contains("REQUEST_LIMIT_EXCEEDED"));
  }

  private Lane newLane(Family family) {
    switch (family) {
      case SCIM:
        return new Lane(pacing.scimConcurrentPerWorkspace(), 0);
      case PERMISSIONS:
        return new Lane(pacing.permissionsConcurrentPerWorkspace(), 0);
      case ACCOUNT_SCIM_WRITE:
        return new Lane(0, pacing.accountScimWritesPerSecond());
      default:
        return new Lane(0, 0);
    }
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }

  private void sleep(long millis) throws InterruptedIOException {
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (OnboardingException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted();
      }
      throw e;
    }
  }

  private static InterruptedIOException interrupted() {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("interrupted while pacing requests");
  }

  /** One host and family: a concurrency limit that adapts (halves on a limit answer, creeps back), a rate, a pause. */
  private final class Lane {
    private final int maxConcurrent;
    private final double maxRate;
    private int limit;
    private double rate;
    private int inUse;
    private int successes;
    private long nextFreeMillisTimes1000; // next free rate slot, in microseconds of the clock
    private long pausedUntilMillis;
    private long lastSentMicros = Long.MIN_VALUE / 2;

    /** 3% under the budget: a server's window edges and clock jitter then never see one send too many. */
    private long interval() {
      return (long) (1_030_000 / rate);
    }

    Lane(int maxConcurrent, double maxRate) {
      this.maxConcurrent = maxConcurrent;
      this.maxRate = maxRate;
      this.limit = maxConcurrent;
      this.rate = maxRate;
    }

    synchronized int limit() {
      return limit;
    }

    void enter() throws InterruptedIOException {
      long wait = pauseLeft();
      if (wait > 0) {
        sleep(wait);
      }
      if (maxRate > 0) {
        // Reserve a slot, wait for it, then claim the send against the last one: under a virtual
        // clock, or when a sleeper overshoots, waits can end out of order.
        long waitMicros;
        synchronized (this) {
          long now = clock.millis() * 1000;
          long start = Math.max(now, nextFreeMillisTimes1000);
          nextFreeMillisTimes1000 = start + interval();
          waitMicros = start - now;
        }
        if (waitMicros >= 1000) {
          sleep(waitMicros / 1000);
        }
        // Claim the send slot in the same turn of the lock that reads the last one: threads that woke
        // together must not all read one slot and then send together (a burst the server refuses).
        synchronized (this) {
          long now = clock.millis() * 1000;
          long claim = Math.max(now, lastSentMicros + interval());
          lastSentMicros = claim;
          waitMicros = claim - now;
        }
        if (waitMicros >= 1000) {
          sleep(waitMicros / 1000);
        }
      }
      if (maxConcurrent > 0) {
        synchronized (this) {
          while (inUse >= limit) {
            try {
              wait();
            } catch (InterruptedException e) {
              throw interrupted();
            }
          }
          inUse++;
        }
      }
    }

    private synchronized long pauseLeft() {
      return pausedUntilMillis - clock.millis();
    }

    synchronized void exit() {
      if (maxConcurrent > 0) {
        inUse--;
        notifyAll();
      }
    }

    synchronized void succeeded() {
      if (++successes >= Math.max(4, limit)) {
        successes = 0;
        if (maxConcurrent > 0 && limit < maxConcurrent) {
          limit++;
          notifyAll();
        }
        if (maxRate > 0 && rate < maxRate) {
          rate = Math.min(maxRate, rate * 1.25);
        }
      }
    }

    synchronized void limited(Duration pause) {
      successes = 0;
      if (maxConcurrent > 0) {
        limit = Math.max(1, limit / 2);
      }
      if (maxRate > 0) {
        // a rate is known in advance: a refusal means jitter at a window edge, not a wrong budget, so step back gently
        rate = Math.max(maxRate / 4, rate * 0.8);
        nextFreeMillisTimes1000 = Math.max(nextFreeMillisTimes1000, clock.millis() * 1000);
      }
      pausedUntilMillis = Math.max(pausedUntilMillis, clock.millis() + Math.max(1, pause.toMillis()));
    }
  }
}
