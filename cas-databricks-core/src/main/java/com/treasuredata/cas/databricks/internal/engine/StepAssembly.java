package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.steps.Steps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the rules that involve several settings, then composes the steps. Not API. */
public final class StepAssembly {

  private StepAssembly() {}

  /**
   * Returns the steps for {@code s} in declaration order.
   *
   * @throws IllegalArgumentException naming the conflicting settings and what is allowed
   */
  public static List<OnboardingStep<?>> steps(OnboardingSettings s) {
    check(s);
    List<OnboardingStep<?>> steps = new ArrayList<>();
    steps.add(s.servicePrincipalName != null ? Steps.servicePrincipal(s.servicePrincipalName) : Steps.adoptServicePrincipal(s.adoptApplicationId));
    steps.add(Steps.workspaceMembership(s.account != null));
    steps.add(Steps.tokenUsage());
    if (s.tokenPolicy != null) {
      TokenPolicy policy = s.tokenMode != null ? s.tokenPolicy.withMode(s.tokenMode) : s.tokenPolicy;
      steps.add(Steps.oboToken(policy));
      steps.add(Steps.verifyToken(policy.mode() == TokenMode.REUSE_OR_MINT));
      if (policy.mode() == TokenMode.ROTATE) {
        steps.add(Steps.revokePreviousTokens());
      }
    }
    for (CatalogGrant g : s.grants.values()) {
      steps.add(Steps.catalogGrant(g));
    }
    if (s.warehouseId != null) {
      steps.add(Steps.warehouse(s.warehouseId));
    } else if (s.warehouseName != null) {
      steps.add(Steps.warehouseNamed(s.warehouseName));
    }
    if (s.ipAllowList != null) {
      steps.add(Steps.ipAllowList(s.ipAllowList, s.allowFirstAllowList));
    }
    steps.addAll(s.extraSteps);
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    for (OnboardingStep<?> step : steps) {
      if (deps.put(step.name(), step.dependsOn()) != null) {
        throw new IllegalArgumentException("two steps are named '" + step.name() + "'; step names must be unique");
      }
    }
    StepGraph.topologicalOrder(deps);
    return steps;
  }

  private static void check(OnboardingSettings s) {
    if (s.workspace == null) {
      throw new IllegalArgumentException("workspace(..) is required: the workspace to onboard, e.g. DatabricksTarget.profile(\"admin\")");
    }
    if (s.servicePrincipalName == null && s.adoptApplicationId == null) {
      throw new IllegalArgumentException(
          "a service principal is required: servicePrincipal(\"TD-CAS-Service\") to find or create one, or adoptServicePrincipal(applicationId)");
    }
    if (s.servicePrincipalName != null && s.adoptApplicationId != null) {
      throw new IllegalArgumentException(
          "servicePrincipal(\"" + s.servicePrincipalName + "\") and adoptServicePrincipal(\"" + s.adoptApplicationId
              + "\") exclude each other; allowed: exactly one of them");
    }
    if (s.tokenMode != null && s.tokenPolicy == null) {
      throw new IllegalArgumentException(
          (s.tokenMode == TokenMode.ROTATE ? "rotateToken()" : "alwaysNewToken()") + " needs token(lifetime), e.g. token(Duration.ofDays(1))");
    }
    if (s.withoutToken && s.tokenPolicy != null) {
      throw new IllegalArgumentException("withoutToken() and token(..) exclude each other; allowed: exactly one of them");
    }
    if (s.withoutGrants && !s.grants.isEmpty()) {
      throw new IllegalArgumentException("withoutGrants() and grant(..) exclude each other; allowed: one or the other");
    }
    if (s.warehouseId != null && s.warehouseName != null) {
      throw new IllegalArgumentException(
          "warehouse(\"" + s.warehouseId + "\") and warehouseNamed(\"" + s.warehouseName + "\") exclude each other; allowed: one way to choose the warehouse");
    }
    if (s.workspaceId.isPresent() && s.account == null) {
      throw new IllegalArgumentException(
          "workspaceId(" + s.workspaceId.getAsLong() + ") is only used by the account assignment API; allowed only together with account(..)");
    }
    if (s.ipAllowList != null && s.ipAllowList.allowsAnyAddress() && !s.allowAnyAddress) {
      throw new IllegalArgumentException(
          "IP allow list '" + s.ipAllowList.label() + "' contains a /0 block "
              + s.ipAllowList.addresses().stream().filter(IpAddressRange::isAnyAddress).map(IpAddressRange::value).toList()
              + ", which allows every address; allowed: specific addresses or CIDR blocks, or call allowAnyAddress() deliberately");
    }
  }
}
