package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 *
 * <p>A disabled ALLOW list with our label is enabled, under the same rule as creating a first
 * ALLOW list (another enabled ALLOW list must exist, or {@code allowFirstAllowList()}). An enabled
 * BLOCK list holding a requested address stops the run in the plan, naming the list. Adding reads
 * the list again just before the write and reads it back after it (see {@link #update}); the API
 * has no conditional update, so a writer whose own read came before our write can still replace
 * the list after our last read. Runs in one process for the same workspace host and label take
 * turns at the apply, so they never lose each other's addresses.
 */
final class IpAccessListStep extends BuiltInStep<IpAccessListStep.Decision> {

  /** Databricks allows at most 1000 addresses or CIDR blocks across all lists of a workspace. */
  public static final int MAX_ADDRESSES = 1000;
  static final String PATH = SharedReads.IP_LISTS_PATH;

  private final IpAllowList list;
  private final boolean allowFirstAllowList;

  IpAccessListStep(IpAllowList list, boolean allowFirstAllowList) {
    super(Steps.IP_ACCESS_LIST, Set.of(), Set.of(), List.of(SharedReads.WORKSPACE_CONF, SharedReads.IP_ACCESS_LISTS));
    this.list = Objects.requireNonNull(list, "list");
    this.allowFirstAllowList = allowFirstAllowList;
  }

  /** Returns the addresses this step ensures. */
  public IpAllowList list() {
    return list;
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new AccessChecks.AddressCheck(list));
  }

  /** The plan's payload: the list to add to (none: create one), its addresses, the missing ones, and whether to enable it. */
  record Decision(String listId, List<String> existing, List<String> missing, boolean enable) {}

  /** How often the update reads, writes and reads back before it gives up on a list others keep changing. */
  static final int MAX_ROUNDS = 5;


  @Override
  public StepPlan<Decision> plan(StepContext ctx) {
    String enabled = ctx.read(SharedReads.WORKSPACE_CONF).get("enableIpAccessLists");
    if (!"true".equalsIgnoreCase(enabled)) {
      return StepPlan.skip(
          "IP access lists are disabled in this workspace (enableIpAccessLists=" + enabled
              + "), so every address can already connect; this library never enables them");
    }
    Decision decision = decide(ctx.read(SharedReads.IP_ACCESS_LISTS));
    if (decision.listId() != null && decision.missing().isEmpty() && !decision.enable()) {
      ctx.publish(RunKey.IP_ACCESS_LIST_ID, decision.listId());
      return StepPlan.noOp("ALLOW list '" + list.label() + "' (" + decision.listId() + ") already holds all " + list.addresses().size() + " addresses");
    }
    String enable = decision.enable() ? "enable the disabled ALLOW list '" + list.label() + "' (" + decision.listId() + ") and " : "";
    return decision.listId() != null
        ? StepPlan.update(enable + "add " + decision.missing().size() + " address(es) to ALLOW list '" + list.label() + "' (" + decision.listId() + "): "
            + decision.missing() + " (read again just before the write, then read back)", decision)
        : StepPlan.create("create ALLOW list '" + list.label() + "' with " + decision.missing(), decision);
  }

  private Decision decide(JsonNode lists) {
    int total = 0;
    boolean otherEnabledAllow = false;
    JsonNode ours = null;
    for (JsonNode l : lists) {
      total += l.has("ip_addresses") ? l.path("ip_addresses").size() : l.path("address_count").asInt(0);
      boolean allow = "ALLOW".equals(l.path("list_type").asText());
      boolean enabled = l.path("enabled").asBoolean(true);
      if (!allow && enabled) {
        refuseBlocked(l);
      }
      if (allow && ours == null && list.label().equals(l.path("label").asText())) {
        ours = l;
      } else if (allow && enabled) {
        otherEnabledAllow = true;
      }
    }
    boolean enable = ours != null && !ours.path("enabled").asBoolean(true);
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
    boolean ourEnabled = ours != null && !enable;
    if (!ourEnabled && !otherEnabledAllow && !allowFirstAllowList) {
      throw new OnboardingException(
          "refusing to " + (enable ? "enable the disabled ALLOW list '" + list.label() + "': it would be" : "create") + " the first"
              + " ALLOW list of this workspace: once an ALLOW list is enabled, only listed addresses can reach the"
              + " workspace, so everyone but " + list.label() + " " + list.addresses().stream().map(IpAddressRange::value).toList()
              + " would be locked out. Add your own ranges to an ALLOW list first, or call allowFirstAllowList() if this is intended."
              + " Nothing was written.");
    }
    if (!missing.isEmpty() && total + missing.size() > MAX_ADDRESSES) {
      throw new OnboardingException(
          "adding " + missing.size() + " address(es) to ALLOW list '" + list.label() + "' would exceed the workspace quota of " + MAX_ADDRESSES
              + " addresses across all IP access lists (" + total + " in use). Remove unused entries or merge ranges into CIDR blocks. Nothing was written.");
    }
    return new Decision(ours == null ? null : ours.path("list_id").asText(), existing, missing, enable);
  }

  /** A BLOCK list wins over every ALLOW list: one holding a requested address would keep Treasure Data out. */
  private void refuseBlocked(JsonNode block) {
    List<String> blocked = new ArrayList<>();
    for (IpAddressRange a : list.addresses()) {
      for (JsonNode b : block.path("ip_addresses")) {
        if (IpRanges.overlap(a.value(), b.asText())) {
          blocked.add(a.value() + " (in " + b.asText() + ")");
          break;
        }
      }
    }
    if (!blocked.isEmpty()) {
      throw new OnboardingException(
          "BLOCK list '" + block.path("label").asText() + "' (" + block.path("list_id").asText() + ") holds requested address(es) " + blocked
              + "; BLOCK lists win over ALLOW lists, so Treasure Data could not connect. Remove them from that list, or disable it,"
              + " then run again. Nothing was written.");
    }
  }

  @Override
  public StepOutcome apply(StepContext ctx, Decision decision) {
    // Runs in this process for the same workspace and label take turns, so no update of one is lost
    // to another. The monitor is the interned key, which every onboarding in the JVM shares without
    // the library holding any static state; a holder stops at its next request once cancelled.
    synchronized (("cas-databricks ip-access-list " + ctx.workspaceHost() + " " + list.label()).intern()) {
      try {
        if (decision.listId() != null) {
          return update(ctx, decision);
        }
        return create(ctx, decision);
      } catch (CasApiException e) {
        throw explain(e);
      }
    }
  }

  /**
   * Adds the missing addresses (and enables the list when planned). The API has no conditional
   * update: a PATCH replaces the whole address list. So the list is read again just before each
   * write, written as read plus ours, and read back; when the read-back lacks any of ours (a
   * concurrent writer replaced the list from an older read), the round repeats, at most
   * {@link #MAX_ROUNDS} times.
   */
  private StepOutcome update(StepContext ctx, Decision decision) {
    String id = decision.listId();
    List<String> added = new ArrayList<>();
    int writes = 0;
    for (int round = 1; ; round++) {
      JsonNode current = byId(SharedReads.readIpAccessLists(ctx), id).orElseThrow(() -> gone(id));
      List<String> existing = new ArrayList<>();
      current.path("ip_addresses").forEach(a -> existing.add(a.asText()));
      List<String> missing = missingFrom(current);
      boolean enable = decision.enable() && !current.path("enabled").asBoolean(true);
      if (missing.isEmpty() && !enable) {
        ctx.publish(RunKey.IP_ACCESS_LIST_ID, id);
        if (added.isEmpty() && !decision.enable()) {
          return StepOutcome.unchanged("ALLOW list '" + list.label() + "' (" + id + ") already holds every address");
        }
        return StepOutcome.updated((decision.enable() ? "enabled ALLOW list '" + list.label() + "' and " : "") + "added " + added
            + " to ALLOW list '" + list.label() + "' (" + id + ")" + (writes > 1 ? "; written " + writes + " times: a concurrent writer replaced it" : ""));
      }
      if (writes >= MAX_ROUNDS) {
        break;
      }
      ObjectNode body = Json.object();
      ArrayNode addresses = body.putArray("ip_addresses");
      existing.forEach(addresses::add);
      missing.forEach(addresses::add);
      if (enable) {
        body.put("enabled", true);
      }
      ctx.throwIfCancelled();
      ctx.workspace().send(Write.patch(PATH + "/" + id, body).idempotent());
      writes++;
      missing.stream().filter(a -> !added.contains(a)).forEach(added::add);
    }
    throw new OnboardingException(
        "ALLOW list '" + list.label() + "' (" + id + ") still lacks some of " + list.addresses().stream().map(IpAddressRange::value).toList()
            + " after " + MAX_ROUNDS + " writes, each read back: someone keeps replacing it. Every write kept the addresses others had"
            + " put there; run again once the other writer is done.");
  }

  private List<String> missingFrom(JsonNode current) {
    Set<String> have = new LinkedHashSet<>();
    current.path("ip_addresses").forEach(a -> have.add(IpAddressRange.canonical(a.asText())));
    List<String> missing = new ArrayList<>();
    for (IpAddressRange a : list.addresses()) {
      if (!have.contains(a.canonical())) {
        missing.add(a.value());
      }
    }
    return missing;
  }

  private static Optional<JsonNode> byId(JsonNode lists, String id) {
    for (JsonNode l : lists) {
      if (id.equals(l.path("list_id").asText())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  private OnboardingException gone(String id) {
    return new OnboardingException("ALLOW list '" + list.label() + "' (" + id + ") was deleted while this run was adding to it; run again");
  }

  private StepOutcome create(StepContext ctx, Decision decision) {
    ObjectNode body = Json.object();
    body.put("label", list.label());
    body.put("list_type", "ALLOW");
    ArrayNode addresses = body.putArray("ip_addresses");
    decision.missing().forEach(addresses::add);
    JsonNode created;
    try {
      created = ctx.workspace().send(Write.post(PATH, body).reconciledBy(api -> findOurs(SharedReads.readIpAccessLists(ctx))));
    } catch (CasApiException e) {
      if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
        throw e;
      }
      // A concurrent run created the label first: add to the list it created.
      Decision again = decide(SharedReads.readIpAccessLists(ctx));
      if (again.listId() == null) {
        throw e;
      }
      if (again.missing().isEmpty()) {
        ctx.publish(RunKey.IP_ACCESS_LIST_ID, again.listId());
        return StepOutcome.unchanged("a concurrent run created ALLOW list '" + list.label() + "' (" + again.listId() + ") with every address");
      }
      return update(ctx, again);
    }
    JsonNode item = created.has("ip_access_list") ? created.path("ip_access_list") : created;
    String id = item.path("list_id").asText("");
    if (!id.isEmpty()) {
      ctx.publish(RunKey.IP_ACCESS_LIST_ID, id);
    }
    Set<String> held = new LinkedHashSet<>();
    item.path("ip_addresses").forEach(a -> held.add(IpAddressRange.canonical(a.asText())));
    List<String> stillMissing = new ArrayList<>();
    for (String a : decision.missing()) {
      if (!held.contains(IpAddressRange.canonical(a))) {
        stillMissing.add(a);
      }
    }
    if (!stillMissing.isEmpty() && item.has("ip_addresses")) {
      // The reconciling read found a list created by someone else that lacks some of ours.
      List<String> existing = new ArrayList<>();
      item.path("ip_addresses").forEach(a -> existing.add(a.asText()));
      return update(ctx, new Decision(id, existing, stillMissing, false));
    }
    return StepOutcome.created("created ALLOW list '" + list.label() + "' (" + id + ") with " + decision.missing());
  }

  /** The ALLOW list with our label, as the create would have answered it. */
  private Optional<JsonNode> findOurs(JsonNode lists) {
    for (JsonNode l : lists) {
      if ("ALLOW".equals(l.path("list_type").asText()) && list.label().equals(l.path("label").asText())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
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

}
