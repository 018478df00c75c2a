package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.HealthItem;
import com.treasuredata.cas.databricks.HealthStatus;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The health checks of the identity side: the service principal, its membership, token usage and token. */
final class IdentityChecks {

  private IdentityChecks() {}

  /** The service principal exists (exactly one) and is active. */
  static final class ServicePrincipalCheck extends HealthChecks {
    private final ServicePrincipalStep step;

    ServicePrincipalCheck(ServicePrincipalStep step) {
      super(Steps.SERVICE_PRINCIPAL, Set.of(), List.of());
      this.step = step;
    }

    @Override
    HealthItem check(StepContext ctx) {
      String where = ctx.account().isPresent() ? "the account" : "the workspace";
      List<ServicePrincipalRef> found = step.lookupRefs(ctx, ServicePrincipalStep.api(ctx));
      if (found.isEmpty()) {
        return item(HealthStatus.MISSING, "no service principal " + step.describe() + " in " + where, NO_SP_FIX + ", then give CAS its new token");
      }
      if (found.size() > 1) {
        return item(HealthStatus.DRIFT, found.size() + " service principals " + step.describe() + " in " + where,
            "delete or rename the extra ones, or adopt one with adoptServicePrincipal(applicationId)");
      }
      ServicePrincipalRef sp = found.get(0);
      ctx.publish(RunKey.SERVICE_PRINCIPAL, sp);
      JsonNode full = ServicePrincipalStep.api(ctx).get(ServicePrincipalStep.scimPath(ctx) + "/" + sp.id());
      if (!full.path("active").asBoolean(true)) {
        return item(HealthStatus.DRIFT, step.describe() + " (applicationId " + sp.applicationId() + ") is deactivated: it cannot authenticate",
            "reactivate it (account console: User management > Service principals > Activate, or SCIM PATCH active=true)");
      }
      return ok(step.describe() + " (applicationId " + sp.applicationId() + ") exists and is active");
    }
  }

  /** The service principal is a member of the workspace. */
  static final class MembershipCheck extends HealthChecks {
    MembershipCheck(boolean viaAccount) {
      super(Steps.WORKSPACE_MEMBERSHIP, Set.of(Steps.SERVICE_PRINCIPAL), viaAccount ? List.of(SharedReads.WORKSPACE_CONF) : List.of());
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<ServicePrincipalRef> found = sp(ctx);
      if (found.isEmpty()) {
        return noServicePrincipal();
      }
      ServicePrincipalRef sp = found.get();
      String fix = "run the onboarding again (it assigns USER), or add it under Settings > Identity and access > Service principals";
      if (ctx.account().isEmpty()) {
        try {
          ctx.workspace().get(Warehouses.SP_SCIM + sp.id());
          return ok("a member of the workspace");
        } catch (CasApiException e) {
          if (e.statusCode() == 404) {
            return item(HealthStatus.MISSING, "not a member of the workspace", fix);
          }
          throw e;
        }
      }
      try {
        ctx.read(SharedReads.WORKSPACE_CONF);
      } catch (RuntimeException e) {
        // only carried the workspace id header
      }
      OptionalLong ws = ctx.workspaceId();
      JsonNode assignments = ws.isPresent()
          ? ctx.account().get().get("/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/workspaces/" + ws.getAsLong() + "/permissionassignments")
          : ctx.workspace().get("/api/2.0/preview/permissionassignments");
      for (JsonNode a : assignments.path("permission_assignments")) {
        JsonNode p = a.path("principal");
        if (sp.id().equals(p.path("principal_id").asText()) || sp.applicationId().equalsIgnoreCase(p.path("service_principal_name").asText())) {
          return ok("assigned to the workspace as " + a.path("permissions"));
        }
      }
      return item(HealthStatus.MISSING, "not assigned to the workspace", fix);
    }
  }

  /** The service principal may use tokens. */
  static final class TokenUsageCheck extends HealthChecks {
    TokenUsageCheck() {
      super(Steps.TOKEN_USAGE, Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = sp(ctx);
      if (sp.isEmpty()) {
        return noServicePrincipal();
      }
      for (JsonNode entry : ctx.workspace().get(TokenUsageStep.PATH).path("access_control_list")) {
        boolean ours = sp.get().applicationId().equalsIgnoreCase(entry.path("service_principal_name").asText());
        boolean users = "users".equals(entry.path("group_name").asText());
        if (ours || users) {
          return ok((ours ? "holds " : "every user holds ") + entry.path("all_permissions").path(0).path("permission_level").asText() + " on tokens");
        }
      }
      return item(HealthStatus.MISSING, "no CAN_USE on tokens: its token is refused",
          "run the onboarding again (an add-only PATCH on /permissions/authorization/tokens adds CAN_USE)");
    }
  }

  /** A valid token of ours exists (and the caller's credential authenticates as the service principal), with days left. */
  static final class TokenCheck extends HealthChecks {
    private final Optional<Secret> credential;
    private final Duration expiringWithin;

    TokenCheck(HealthChecks.Options options) {
      super(Steps.OBO_TOKEN, Set.of(Steps.SERVICE_PRINCIPAL), List.of());
      this.credential = options.credential();
      this.expiringWithin = options.expiringWithin();
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<ServicePrincipalRef> found = sp(ctx);
      if (found.isEmpty()) {
        return noServicePrincipal();
      }
      ServicePrincipalRef sp = found.get();
      String mint = "mint a new token: run the onboarding with rotateToken(), then give CAS the new token";
      if (credential.isPresent()) {
        try {
          String user = ctx.workspaceAs(credential.get()).get(VerifyTokenStep.ME).path("userName").asText("");
          if (!sp.applicationId().equalsIgnoreCase(user)) {
            return item(HealthStatus.DRIFT, "the credential authenticates as '" + user + "', not as the service principal", "give CAS the service principal's token; " + mint);
          }
        } catch (CasApiException e) {
          return item(HealthStatus.MISSING, "the credential is refused (revoked or expired): " + e.getMessage(), mint);
        }
      }
      Instant now = ctx.now();
      TokenInfo best = null;
      for (JsonNode info : OurTokens.list(ctx.workspace())) {
        TokenInfo t = OurTokens.details(info, false);
        if (OurTokens.isOurs(info, sp) && t.isValidAt(now) && (best == null || t.expiresAt().isEmpty()
            || (best.expiresAt().isPresent() && t.expiresAt().get().isAfter(best.expiresAt().get())))) {
          best = t;
        }
      }
      if (best == null) {
        return item(HealthStatus.MISSING, "no valid token of ours (revoked or expired)", mint);
      }
      if (best.expiresAt().isEmpty()) {
        return ok("token " + best.id() + " valid, never expires" + (credential.isPresent() ? "; the credential authenticates as the service principal" : ""));
      }
      long days = Duration.between(now, best.expiresAt().get()).toDays();
      String detail = "token " + best.id() + " valid until " + best.expiresAt().get() + " (" + days + " days left)";
      if (Duration.between(now, best.expiresAt().get()).compareTo(expiringWithin) < 0) {
        return item(HealthStatus.EXPIRING, detail, "rotate before it expires: run the onboarding with rotateToken() and give CAS the new token");
      }
      return ok(detail + (credential.isPresent() ? "; the credential authenticates as the service principal" : ""));
    }
  }
}
