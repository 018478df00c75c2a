package com.treasuredata.cas.databricks.testkit.internal.engine;

import java.util.ArrayList;
import java.util.List;

/** Segment-wise route matching: templates use {@code {}} for a path variable; no regex at request time. */
final class Router {

  enum Scope { ACCOUNT, WORKSPACE, HOST_DEPENDENT }

  @FunctionalInterface
  interface Handler {
    Out handle(Req request);
  }

  record Route(String method, String template, String[] segments, int vars, Scope scope, boolean anonymous, Handler handler) {}

  record Match(Route route, String[] vars) {}

  private final List<Route> routes = new ArrayList<>();

  void add(String method, String template, Scope scope, Handler handler) {
    add(method, template, scope, false, handler);
  }

  void add(String method, String template, Scope scope, boolean anonymous, Handler handler) {
    String[] segs = split(template);
    int vars = 0;
    for (String s : segs) {
      if (s.equals("{}")) {
        vars++;
      }
    }
    routes.add(new Route(method, template, segs, vars, scope, anonymous, handler));
  }

  /** Returns the first matching route, or null. */
  Match match(String method, String path) {
    String[] segs = split(path);
    for (Route r : routes) {
      if (!r.method.equals(method) || r.segments.length != segs.length) {
        continue;
      }
      String[] vars = r.vars == 0 ? NO_VARS : new String[r.vars];
      int v = 0;
      boolean ok = true;
      for (int i = 0; i < segs.length; i++) {
        String t = r.segments[i];
        if (t.equals("{}")) {
          if (segs[i].isEmpty()) {
            ok = false;
            break;
          }
          vars[v++] = decode(segs[i]);
        } else if (!t.equals(segs[i])) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return new Match(r, vars);
      }
    }
    return null;
  }

  /** Returns the methods that have a route for {@code path}, for the unknown-route hint. */
  List<String> methodsFor(String path) {
    List<String> out = new ArrayList<>();
    String[] segs = split(path);
    for (Route r : routes) {
      if (r.segments.length != segs.length || out.contains(r.method)) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < segs.length && ok; i++) {
        ok = r.segments[i].equals("{}") || r.segments[i].equals(segs[i]);
      }
      if (ok) {
        out.add(r.method);
      }
    }
    return out;
  }

  private static final String[] NO_VARS = new String[0];

  static String[] split(String path) {
    String p = path;
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? NO_VARS : p.split("/", -1);
  }

  /** Percent-decodes a path segment ({@code +} stays a plus). */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // a broken escape is taken literally and simply matches nothing
    }
  }
}
