package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingListener;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.transport.Transport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * What a {@code CasOnboardingBuilder} collected, each value already validated on its own. The
 * builder owns one; an onboarding keeps a copy. Not thread-safe. Not API.
 */
public final class OnboardingSettings {

  public DatabricksTarget workspace;
  public DatabricksTarget account;
  public OptionalLong workspaceId = OptionalLong.empty();
  public String servicePrincipalName;
  public String adoptApplicationId;
  public boolean reactivateServicePrincipal;
  public TokenPolicy tokenPolicy;
  public TokenMode tokenMode;
  public boolean withoutToken;
  public boolean withoutGrants;
  public java.time.Duration oauthSecretLifetime;
  public boolean rotateOAuthSecret;
  public boolean keepBootstrapSecret;
  public boolean expectOnboarded;
  public boolean guardAgainstOtherProcesses;
  public final Map<String, CatalogGrant> grants = new LinkedHashMap<>();
  public IpAllowList ipAllowList;
  public String warehouseId;
  public String warehouseName;
  public boolean allowFirstAllowList;
  public boolean allowAnyAddress;
  public final List<OnboardingStep<?>> extraSteps = new ArrayList<>();
  public Transport transport;
  public RetryPolicy retryPolicy = RetryPolicy.defaults();
  public Clock clock = Clock.systemUTC();
  public Sleeper sleeper = Sleeper.SYSTEM;
  public Executor executor;
  public OnboardingListener listener = OnboardingListener.NONE;
  public String userAgentSuffix = "";
  /** Set by a fleet or by shared connections: the SDK configurations onboardings share; null: each onboarding keeps its own. */
  public com.treasuredata.cas.databricks.internal.SharedClients sharedClients;
  /** Whether the transport and shared clients came from {@code sharedConnections(..)}. */
  public boolean sharedConnections;

  /** Returns an independent copy. */
  public OnboardingSettings copy() {
    OnboardingSettings b = new OnboardingSettings();
    b.workspace = workspace;
    b.account = account;
    b.workspaceId = workspaceId;
    b.servicePrincipalName = servicePrincipalName;
    b.adoptApplicationId = adoptApplicationId;
    b.reactivateServicePrincipal = reactivateServicePrincipal;
    b.tokenPolicy = tokenPolicy;
    b.tokenMode = tokenMode;
    b.withoutToken = withoutToken;
    b.withoutGrants = withoutGrants;
    b.oauthSecretLifetime = oauthSecretLifetime;
    b.rotateOAuthSecret = rotateOAuthSecret;
    b.keepBootstrapSecret = keepBootstrapSecret;
    b.expectOnboarded = expectOnboarded;
    b.guardAgainstOtherProcesses = guardAgainstOtherProcesses;
    b.grants.putAll(grants);
    b.ipAllowList = ipAllowList;
    b.warehouseId = warehouseId;
    b.warehouseName = warehouseName;
    b.allowFirstAllowList = allowFirstAllowList;
    b.allowAnyAddress = allowAnyAddress;
    b.extraSteps.addAll(extraSteps);
    b.transport = transport;
    b.retryPolicy = retryPolicy;
    b.clock = clock;
    b.sleeper = sleeper;
    b.executor = executor;
    b.listener = listener;
    b.userAgentSuffix = userAgentSuffix;
    b.sharedClients = sharedClients;
    b.sharedConnections = sharedConnections;
    return b;
  }
}
