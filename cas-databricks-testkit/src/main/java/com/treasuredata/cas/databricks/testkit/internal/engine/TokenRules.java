package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import java.util.ArrayList;
import java.util.List;

/**
 * The life of a personal access token: its lifetime (730 days at most, an omitted lifetime gets
 * the workspace maximum), its scopes and auto-scoping (behind switches), when it was last used, and
 * its revocation after 90 days unused, all on the virtual clock.
 */
final class TokenRules {

  static final long DAY_MS = 86_400_000L;
  static final long PLATFORM_MAX_DAYS = 730;
  static final long IDLE_DAYS = 90;
  static final long AUTOSCOPE_MIN_LIFETIME_DAYS = 30;
  static final long AUTOSCOPE_OBSERVATION_DAYS = 30;
  static final String AUTHENTICATION_SCOPE = "authentication";
  static final String OBO_NOT_ENABLED = "On-behalf-of token creation for service principals is not enabled for this workspace";

  private TokenRules() {}

  /** Computes the expiry of a new token from {@code lifetime_seconds} against {@code maxTokenLifetimeDays}; never -1. */
  static long expiry(Engine e, Req r, JsonNode body) {
    String conf = r.ws.conf.get("maxTokenLifetimeDays");
    long maxDays = PLATFORM_MAX_DAYS;
    boolean maxSet = false;
    if (conf != null && !conf.isBlank()) {
      try {
        maxDays = Long.parseLong(conf.trim());
        maxSet = maxDays > 0;
      } catch (NumberFormatException ignored) {
        maxDays = PLATFORM_MAX_DAYS; // validated on write; a seeded odd value falls back to the platform maximum
      }
    }
    long maxMs = maxDays * DAY_MS;
    JsonNode lifetimeNode = body.get("lifetime_seconds");
    long seconds = 0;
    if (lifetimeNode != null && !lifetimeNode.isNull()) {
      try {
        seconds = Long.parseLong(lifetimeNode.asText().trim());
      } catch (NumberFormatException ex) {
        throw ApiError.badRequest("Invalid lifetime_seconds: " + lifetimeNode.asText());
      }
    }
    if (seconds <= 0) {
      // since December 2024 no new token lives for ever: the workspace maximum, else 730 days
      long ms = e.behaviours.defaultTokenLifetime().map(d -> d.toMillis()).orElse(maxSet ? maxMs : PLATFORM_MAX_DAYS * DAY_MS);
      return r.now + Math.min(ms, maxMs);
    }
    long ms = seconds > maxMs / 1000 ? Long.MAX_VALUE : seconds * 1000L;
    if (ms > maxMs) {
      if (e.behaviours.overMaxLifetime() == Behaviours.OverMaxLifetime.REJECT) {
        throw ApiError.badRequest("Token lifetime of " + seconds + " seconds exceeds the maximum lifetime of " + maxDays
            + " days allowed by the workspace configuration (maxTokenLifetimeDays).");
      }
      ms = maxMs;
    }
    return r.now + ms;
  }

  /** Records the scopes and auto-scoping state of a token just created from {@code body}. */
  static void created(Engine e, Model.Workspace ws, String tokenId, JsonNode body, long now, long expiryMs) {
    Model.TokenUse use = new Model.TokenUse();
    ws.tokenUse.put(tokenId, use);
    if (!scopeFields(e)) {
      return; // a workspace without the feature ignores the fields
    }
    JsonNode scopes = body.get("scopes");
    if (scopes != null && scopes.isArray() && scopes.size() > 0) {
      use.scopes = new ArrayList<>();
      scopes.forEach(s -> use.scopes.add(s.asText()));
    }
    if (!e.behaviours.tokenAutoscope()) {
      return;
    }
    boolean disabled = body.has("autoscope_enabled") && !body.get("autoscope_enabled").asBoolean(true);
    if (use.scopes != null) {
      use.autoscopeState = "AUTOSCOPE_STATE_USER_SELECTED";
    } else if (disabled) {
      use.autoscopeState = "AUTOSCOPE_STATE_DISABLED";
    } else if (expiryMs < 0 || expiryMs - now >= AUTOSCOPE_MIN_LIFETIME_DAYS * DAY_MS) {
      use.autoscopeState = "AUTOSCOPE_STATE_RUNNING";
    } else {
      use.autoscopeState = "AUTOSCOPE_STATE_DISABLED";
    }
  }

  static boolean scopeFields(Engine e) {
    return e.behaviours.tokenScopes() || e.behaviours.tokenAutoscope();
  }

  /** Revokes (deletes) every token unused for 90 days, and narrows tokens whose auto-scoping observation ended. */
  static void sweep(Engine e, Model.Workspace ws, long now) {
    List<String> idle = new ArrayList<>();
    for (Model.Token t : ws.tokens.values()) {
      Model.TokenUse use = ws.tokenUse.get(t.tokenId());
      long last = use == null || use.lastUsedMs == 0 ? t.creationMs() : use.lastUsedMs;
      if (now - last >= IDLE_DAYS * DAY_MS) {
        idle.add(t.tokenId());
      } else if (use != null && "AUTOSCOPE_STATE_RUNNING".equals(use.autoscopeState)
          && now - t.creationMs() >= AUTOSCOPE_OBSERVATION_DAYS * DAY_MS) {
        use.autoscopeState = "AUTOSCOPE_STATE_COMPLETED";
        use.scopes = new ArrayList<>(use.seenScopes);
      }
    }
    idle.forEach(id -> {
      ws.tokens.remove(id);
      ws.tokenUse.remove(id);
    });
  }

  /**
   * Checks that token {@code t} may call {@code path} now and records the use.
   *
   * @throws ApiError 403 {@code Invalid access token.} when it was revoked for being unused, 403
   *     {@code PERMISSION_DENIED} when its scopes do not cover the API
   */
  static void use(Engine e, Model.Workspace ws, Model.Token t, String path, long now) {
    Model.Workspace home = ws; // a PAT only authenticates in its own workspace, checked before
    sweep(e, home, now);
    if (!home.tokens.containsKey(t.tokenId())) {
      throw ApiError.invalidToken();
    }
    Model.TokenUse use = home.tokenUse.computeIfAbsent(t.tokenId(), k -> new Model.TokenUse());
    String needed = scopeOf(path);
    if (scopeFields(e) && use.scopes != null && needed != null && !covers(use.scopes, needed)) {
      throw ApiError.permissionDenied("Provided access token does not have required scopes: " + needed + ".");
    }
    use.lastUsedMs = now;
    if (needed != null) {
      use.seenScopes.add(needed);
    }
  }

  private static boolean covers(List<String> scopes, String needed) {
    for (String s : scopes) {
      if (s.equals(needed) || s.startsWith(needed + ":")) {
        return true;
      }
    }
    return false;
  }

  /** The API scope a path belongs to; null for identity calls (SCIM Me) that every token may make. */
  static String scopeOf(String path) {
    if (path.endsWith("/scim/v2/Me")) {
      return null;
    }
    if (path.startsWith("/api/2.0/token/") || path.startsWith("/api/2.0/token-management/")) {
      return AUTHENTICATION_SCOPE;
    }
    if (path.startsWith("/api/2.0/sql") || path.startsWith("/api/2.0/sql-")) {
      return "sql";
    }
    if (path.contains("/unity-catalog/")) {
      return "unity-catalog";
    }
    if (path.contains("/scim/v2/")) {
      return "scim";
    }
    String[] parts = path.split("/");
    return parts.length > 3 ? parts[3] : "other";
  }

  /** Adds {@code last_used_day} and, with the switches on, {@code scopes}, {@code autoscope_state} and {@code inferred_scopes}. */
  static void addInfo(Engine e, Model.Workspace ws, Model.Token t, ObjectNode n) {
    Model.TokenUse use = ws.tokenUse.get(t.tokenId());
    if (use == null) {
      return;
    }
    if (use.lastUsedMs > 0) {
      n.put("last_used_day", use.lastUsedMs - use.lastUsedMs % DAY_MS);
    }
    if (!scopeFields(e)) {
      return;
    }
    if (use.scopes != null) {
      ArrayNode scopes = n.putArray("scopes");
      use.scopes.forEach(scopes::add);
    }
    if (use.autoscopeState != null) {
      n.put("autoscope_state", use.autoscopeState);
      ArrayNode inferred = n.putArray("inferred_scopes");
      use.seenScopes.forEach(inferred::add);
    }
  }

  /** Narrows a token's scopes, as auto-scoping does after observing it (seeding). */
  static void narrow(Model.Workspace ws, String tokenId, List<String> scopes) {
    if (!ws.tokens.containsKey(tokenId)) {
      throw new IllegalArgumentException("no token " + tokenId + " in workspace " + ws.id);
    }
    Model.TokenUse use = ws.tokenUse.computeIfAbsent(tokenId, k -> new Model.TokenUse());
    use.scopes = new ArrayList<>(scopes);
    use.autoscopeState = "AUTOSCOPE_STATE_COMPLETED";
  }
}
