package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ensures the workspace's ALLOW list with the given label holds the addresses.
 *
 * <p>Reads {@code enableIpAccessLists} (shared with the token step's workspace-conf read): when it
 * is not {@code "true"} the step is skipped and says so; this library never enables the feature.
 * Otherwise it finds the ALLOW list by label and PATCHes in the missing addresses (never removing
 * any), or creates it. It refuses to create the workspace's first enabled ALLOW list (from then on
 * only listed addresses reach the workspace) unless explicitly allowed, and checks the 1000-address
 * quota across all lists before writing. A lockout refusal ({@code INVALID_STATE}) becomes a
 * clear error. When a create's answer is lost, or a concurrent run created the label first
 * ({@code RESOURCE_ALREADY_EXISTS}), the step reads the lists again and adds to the one it finds.
 */
public final class IpAccessListStep implements OnboardingStep, EngineStep {

  /** Databricks allows at most 1000 addresses or CIDR blocks across all lists of a workspace. */
  public static final int MAX_ADDRESSES = 1000;
  static final String PATH = "/api/2.0/ip-access-lists";

  private final IpAllowList list;
  private final boolean allowFirstAllowList;

  IpAccessListStep(IpAllowList list, boolean allowFirstAllowList) {
    this.list = Objects.requireNonNull(list, "list");
    this.allowFirstAllowList = allowFirstAllowList;
  }

  /** Returns the addresses this step ensures. */
  public IpAllowList list() {
    return list;
  }

  @Override
  public String name() {
    return Steps.IP_ACCESS_LIST;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of();
  }

  @Override
  public void prefetch(StepContext context) {
    RunContext ctx = RunContext.of(context);
    SharedReads.prefetchWorkspaceConf(ctx);
    SharedReads.prefetchIpAccessLists(ctx);
  }

  /** What the plan decided, for apply. */
  private record Decision(String listId, List<String> existing, List<String> missing) {}

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    String enabled = SharedReads.workspaceConf(ctx).get("enableIpAccessLists");
    if (!"true".equalsIgnoreCase(enabled)) {
      return StepPlan.skip(
          name(), "IP access lists are disabled in this workspace (enableIpAccessLists=" + enabled
              + "), so every address can already connect; this library never enables them");
    }
    JsonNode lists = SharedReads.ipAccessLists(ctx);
    Decision decision = decide(lists);
    ctx.put(key(), decision);
    if (decision.listId() != null && decision.missing().isEmpty()) {
      ctx.ipAccessListId(decision.listId());
      return StepPlan.noOp(name(), "ALLOW list '" + list.label() + "' (" + decision.listId() + ") already holds all " + list.addresses().size() + " addresses");
    }
    return decision.listId() != null
        ? StepPlan.update(name(), "add " + decision.missing().size() + " address(es) to ALLOW list '" + list.label() + "' (" + decision.listId() + "): " + decision.missing())
        : StepPlan.create(name(), "create ALLOW list '" + list.label() + "' with " + decision.missing());
  }

  private Decision decide(JsonNode lists) {
    int total = 0;
    boolean anyEnabledAllow = false;
    JsonNode ours = null;
    for (JsonNode l : lists) {
      total += l.has("ip_addresses") ? l.path("ip_addresses").size() : l.path("address_count").asInt(0);
      boolean allow = "ALLOW".equals(l.path("list_type").asText());
      if (allow && l.path("enabled").asBoolean(true)) {
        anyEnabledAllow = true;
      }
      if (allow && ours == null && list.label().equals(l.path("label").asText())) {
        ours = l;
      }
    }
    List<String> existing = new ArrayList<>();
    Set<String> have = new LinkedHashSet<>();
    if (ours != null) {
      for (JsonNode a : ours.path("ip_addresses")) {
        existing.add(a.asText());
        have.add(IpAddressRange.canonical(a.asText()));
      }
    }
    List<String> missing = new ArrayList<>();
    for (IpAddressRange a : list.addresses()) {
      if (!have.contains(a.canonical())) {
        missing.add(a.value());
      }
    }
    if (ours == null && !anyEnabledAllow && !allowFirstAllowList) {
      throw new OnboardingException(
          "refusing to create the first ALLOW list of this workspace: once an ALLOW list exists, only listed addresses can reach the"
              + " workspace, so everyone but " + list.label() + " " + list.addresses().stream().map(IpAddressRange::value).toList()
              + " would be locked out. Add your own ranges to an ALLOW list first, or call allowFirstAllowList() if this is intended."
              + " Nothing was written.");
    }
    if (!missing.isEmpty() && total + missing.size() > MAX_ADDRESSES) {
      throw new OnboardingException(
          "adding " + missing.size() + " address(es) to ALLOW list '" + list.label() + "' would exceed the workspace quota of " + MAX_ADDRESSES
              + " addresses across all IP access lists (" + total + " in use). Remove unused entries or merge ranges into CIDR blocks. Nothing was written.");
    }
    return new Decision(ours == null ? null : ours.path("list_id").asText(), existing, missing);
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() == PlannedAction.NO_OP) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    Decision decision = ctx.get(key(), Decision.class).orElseThrow();
    try {
      if (decision.listId() != null) {
        return update(ctx, decision);
      }
      return create(ctx, decision);
    } catch (CasApiException e) {
      throw explain(e);
    }
  }

  private StepResult update(RunContext ctx, Decision decision) {
    ObjectNode body = Json.object();
    ArrayNode addresses = body.putArray("ip_addresses");
    decision.existing().forEach(addresses::add);
    decision.missing().forEach(addresses::add);
    ctx.workspace().call(ApiRequest.write(name(), "PATCH", PATH + "/" + decision.listId(), body, ApiRequest.Safety.IDEMPOTENT_WRITE));
    ctx.ipAccessListId(decision.listId());
    return new StepResult.Completed(
        name(), StepResult.Change.UPDATED, "added " + decision.missing() + " to ALLOW list '" + list.label() + "' (" + decision.listId() + ")");
  }

  private StepResult create(RunContext ctx, Decision decision) {
    ObjectNode body = Json.object();
    body.put("label", list.label());
    body.put("list_type", "ALLOW");
    ArrayNode addresses = body.putArray("ip_addresses");
    decision.missing().forEach(addresses::add);
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode created = ctx.workspace().call(ApiRequest.write(name(), "POST", PATH, body, ApiRequest.Safety.CREATE));
        String id = created.path("ip_access_list").path("list_id").asText("");
        if (!id.isEmpty()) {
          ctx.ipAccessListId(id);
        }
        return new StepResult.Completed(name(), StepResult.Change.CREATED, "created ALLOW list '" + list.label() + "' (" + id + ") with " + decision.missing());
      } catch (OnboardingTransportException | CasApiException e) {
        boolean createdConcurrently = e instanceof CasApiException && "RESOURCE_ALREADY_EXISTS".equals(((CasApiException) e).errorCode());
        if ((!ServicePrincipalStep.isAmbiguous(e) && !createdConcurrently) || attempt >= 2) {
          throw e;
        }
        // The list may have been created (by this request, or by a concurrent run): find it by label before deciding.
        Decision again = decide(SharedReads.readIpAccessLists(ctx));
        if (again.listId() != null) {
          if (again.missing().isEmpty()) {
            ctx.ipAccessListId(again.listId());
            return new StepResult.Completed(
                name(), StepResult.Change.CREATED, "created ALLOW list '" + list.label() + "' (" + again.listId() + "; the create response was lost)");
          }
          return update(ctx, again);
        }
      }
    }
  }

  private OnboardingException explain(CasApiException e) {
    if ("INVALID_STATE".equals(e.errorCode())) {
      return new OnboardingException(
          "Databricks refused to change IP access list '" + list.label() + "' because the result would block the caller's own IP address"
              + " (INVALID_STATE). Add the address this onboarding runs from to an ALLOW list first, then run again. Server said: "
              + e.getMessage(),
          e);
    }
    if ("QUOTA_EXCEEDED".equals(e.errorCode())) {
      return new OnboardingException(
          "Databricks refused IP access list '" + list.label() + "': the workspace's " + MAX_ADDRESSES + "-address quota is exceeded (QUOTA_EXCEEDED). "
              + "Remove unused entries or merge ranges into CIDR blocks.",
          e);
    }
    return e;
  }

  private String key() {
    return "ip.decision";
  }
}
