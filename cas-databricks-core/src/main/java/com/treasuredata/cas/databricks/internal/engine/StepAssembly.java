package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.steps.Steps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks the rules that involve several settings, then composes the steps. Not API. */
public final class StepAssembly {

  /** {@code BuiltInStep.servicePrincipalPlanned()}: package-private in the steps package, so not API. */
  private static final MethodHandle SERVICE_PRINCIPAL_PLANNED;
  private static final Class<?> BUILT_IN_STEP;
  /** {@code ServicePrincipalStep.guardAgainstOtherProcesses()}, package-private too. */
  private static final MethodHandle GUARD_AGAINST_OTHER_PROCESSES;
  private static final Class<?> SERVICE_PRINCIPAL_STEP;

  static {
    try {
      BUILT_IN_STEP = Class.forName("com.treasuredata.cas.databricks.steps.BuiltInStep");
      SERVICE_PRINCIPAL_PLANNED = MethodHandles.privateLookupIn(BUILT_IN_STEP, MethodHandles.lookup())
          .findVirtual(BUILT_IN_STEP, "servicePrincipalPlanned", MethodType.methodType(void.class));
      SERVICE_PRINCIPAL_STEP = Class.forName("com.treasuredata.cas.databricks.steps.ServicePrincipalStep");
      GUARD_AGAINST_OTHER_PROCESSES = MethodHandles.privateLookupIn(SERVICE_PRINCIPAL_STEP, MethodHandles.lookup())
          .findVirtual(SERVICE_PRINCIPAL_STEP, "guardAgainstOtherProcesses", MethodType.methodType(void.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private StepAssembly() {}

  /** Makes a built-in step prefetch from its first run what it reads for an existing service principal. */
  private static void readAheadForExistingPrincipal(OnboardingStep<?> step) {
    mark(step, BUILT_IN_STEP, SERVICE_PRINCIPAL_PLANNED);
  }

  /** Makes the service principal step look its name up again after a create, for another process's create. */
  private static void guardAgainstOtherProcesses(OnboardingStep<?> step) {
    mark(step, SERVICE_PRINCIPAL_STEP, GUARD_AGAINST_OTHER_PROCESSES);
  }

  private static void mark(OnboardingStep<?> step, Class<?> type, MethodHandle setter) {
    if (!type.isInstance(step)) {
      return;
    }
    try {
      setter.invoke(step);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException("cannot mark " + step.name(), impossible);
    }
  }

  /**
   * Returns the steps for {@code s} in declaration order.
   *
   * @throws IllegalArgumentException naming the conflicting settings and what is allowed
   */
  public static List<OnboardingStep<?>> steps(OnboardingSettings s) {
    check(s);
    List<OnboardingStep<?>> steps = new ArrayList<>();
    steps.add(s.servicePrincipalName != null
        ? Steps.servicePrincipal(s.servicePrincipalName, s.reactivateServicePrincipal)
        : Steps.adoptServicePrincipal(s.adoptApplicationId, s.reactivateServicePrincipal));
    steps.add(Steps.workspaceMembership(s.account != null));
    steps.add(Steps.tokenUsage());
    if (s.tokenPolicy != null) {
      TokenPolicy policy = s.tokenMode != null ? s.tokenPolicy.withMode(s.tokenMode) : s.tokenPolicy;
      if (Hosts.isAzure(s.workspace.host())) {
        // Azure Databricks has no on-behalf-of tokens: the service principal mints its own
        steps.add(Steps.bootstrapToken(policy, s.keepBootstrapSecret
            ? Optional.of(s.oauthSecretLifetime != null ? s.oauthSecretLifetime : TokenPolicy.MAX_LIFETIME) : Optional.empty()));
        steps.add(Steps.verifyToken(policy.mode() == TokenMode.REUSE_OR_MINT, Steps.SP_TOKEN));
      } else {
        steps.add(Steps.oboToken(policy));
        steps.add(Steps.verifyToken(policy.mode() == TokenMode.REUSE_OR_MINT));
      }
      if (policy.mode() == TokenMode.ROTATE) {
        steps.add(Steps.revokePreviousTokens());
      }
    }
    if (s.oauthSecretLifetime != null && !(s.keepBootstrapSecret && s.tokenPolicy != null && Hosts.isAzure(s.workspace.host()))) {
      steps.add(Steps.oauthSecret(s.oauthSecretLifetime, s.rotateOAuthSecret));
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
    if (s.expectOnboarded) {
      steps.forEach(StepAssembly::readAheadForExistingPrincipal);
    }
    if (s.guardAgainstOtherProcesses) {
      guardAgainstOtherProcesses(steps.get(0));
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
    if (s.rotateOAuthSecret && s.oauthSecretLifetime == null) {
      throw new IllegalArgumentException("rotateOAuthSecret() needs oauthSecret(lifetime), e.g. oauthSecret(Duration.ofDays(365))");
    }
    if (s.keepBootstrapSecret && s.tokenPolicy == null) {
      throw new IllegalArgumentException("keepBootstrapSecret() needs token(..): the bootstrap secret is made to mint the first token");
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
    if (s.tokenPolicy == null && !s.withoutToken) {
      throw new IllegalArgumentException(
          "no decision on the token: CAS connects with a personal access token of the service principal, so call"
              + " token(Duration.ofDays(90)) (or token(TokenPolicy)) to mint one, or withoutToken() if it is managed elsewhere");
    }
    if (s.grants.isEmpty() && !s.withoutGrants) {
      throw new IllegalArgumentException(
          "no decision on grants: CAS reads data through a Unity Catalog grant, so call"
              + " grant(CatalogGrant.dataReader(\"<catalog>\")) for each catalog, or withoutGrants() if they are managed elsewhere");
    }
  }
}
