package com.treasuredata.cas.databricks.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-only SLF4J 2 binding that records every event at every level into {@link CapturedLogs}.
 * Events at WARN and above are also echoed to standard error so that test reports show them.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {

  private final Factory factory = new Factory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: loggers are created on demand
  }

  /** Creates one capturing logger per name. */
  static final class Factory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, CapturingLogger::new);
    }
  }

  /** Records every call; every level is enabled so DEBUG code paths run in tests. */
  /**
   * Benchmarks set {@code -Dcas.test.logCapture=off} so that recording every DEBUG event does not
   * dominate what they measure; secret scans never run with it.
   */
  static final boolean PAUSED = "off".equals(System.getProperty("cas.test.logCapture"));

  static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
      if (PAUSED) {
        return;
      }
      String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
      Optional<String> throwableText = Optional.ofNullable(throwable).map(CapturingLogger::stackTrace);
      CapturedLogs.Event event =
          new CapturedLogs.Event(level, name, message, throwableText, Thread.currentThread().getName(), mdcCopy());
      CapturedLogs.record(event);
      if (level.toInt() >= Level.WARN.toInt()) {
        System.err.println(event.text());
      }
    }

    private static java.util.Map<String, String> mdcCopy() {
      java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
      return mdc == null ? java.util.Map.of() : java.util.Map.copyOf(mdc);
    }

    private static String stackTrace(Throwable throwable) {
      StringWriter out = new StringWriter();
      throwable.printStackTrace(new PrintWriter(out));
      return out.toString();
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
