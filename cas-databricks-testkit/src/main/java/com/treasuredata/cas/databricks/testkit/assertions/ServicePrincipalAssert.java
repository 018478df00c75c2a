package com.treasuredata.cas.databricks.testkit.assertions;

import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over one service principal and its standing in a workspace; from
 * {@link FakeDatabricksAssert#hasServicePrincipalNamed(String)}.
 */
public final class ServicePrincipalAssert extends AbstractAssert<ServicePrincipalAssert, ServicePrincipal> {

  private final FakeWorkspace workspace;
  private final Supplier<Instant> now;

  ServicePrincipalAssert(ServicePrincipal actual, FakeWorkspace workspace, Supplier<Instant> now) {
    super(actual, ServicePrincipalAssert.class);
    this.workspace = workspace;
    this.now = now;
  }

  /**
   * Verifies that the token ACL gives this principal CAN_USE (or CAN_MANAGE) directly.
   *
   * @return this service principal assert
   */
  public ServicePrincipalAssert withTokenUsage() {
    isNotNull();
    List<TokenPermission> acl = workspace.tokenAcl();
    boolean found = acl.stream().anyMatch(p -> p.principal().equals(actual.applicationId()));
    if (!found) {
      failWithMessage("Expecting service principal \"%s\" (%s) to hold CAN_USE on tokens in workspace %s but the "
          + "token ACL was %s", actual.displayName(), actual.applicationId(), workspace.id(), describe(acl));
    }
    return this;
  }

  /**
   * Verifies that the token ACL gives this principal no permission at all.
   *
   * @return this service principal assert
   */
  public ServicePrincipalAssert withoutTokenUsage() {
    isNotNull();
    List<TokenPermission> acl = workspace.tokenAcl();
    if (acl.stream().anyMatch(p -> p.principal().equals(actual.applicationId()))) {
      failWithMessage("Expecting service principal \"%s\" (%s) to hold no token permission in workspace %s but the "
          + "token ACL was %s", actual.displayName(), actual.applicationId(), workspace.id(), describe(acl));
    }
    return this;
  }

  /**
   * Verifies that this principal is assigned to the workspace (with any permission).
   *
   * @return this service principal assert
   */
  public ServicePrincipalAssert isAssignedToWorkspace() {
    isNotNull();
    List<WorkspaceAssignment> assignments = workspace.assignments();
    if (assignments.stream().noneMatch(a -> a.principalId() == actual.id())) {
      failWithMessage("Expecting service principal \"%s\" (%s) to be assigned to workspace %s but the assigned "
          + "principals were %s", actual.displayName(), actual.applicationId(), workspace.id(),
          assignments.stream().map(a -> a.displayName() + " " + a.permissions()).toList());
    }
    return this;
  }

  /**
   * Verifies that this principal owns a personal access token in the workspace that has not expired by the fake's clock.
   *
   * @return this service principal assert
   */
  public ServicePrincipalAssert hasUnexpiredToken() {
    isNotNull();
    Instant now = this.now.get();
    List<IssuedToken> tokens = workspace.tokens().stream()
        .filter(t -> t.owner().equals(actual.applicationId()) || t.ownerId() == actual.id()).toList();
    if (tokens.stream().noneMatch(t -> !t.isExpiredAt(now))) {
      failWithMessage("Expecting service principal \"%s\" (%s) to own an unexpired token in workspace %s at %s but "
          + "was %s token(s), expiring %s", actual.displayName(), actual.applicationId(), workspace.id(), now,
          tokens.size(), tokens.stream().map(t -> t.expiryTime().map(Object::toString).orElse("never")).toList());
    }
    return this;
  }

  /**
   * Verifies that this principal is active.
   *
   * @return this service principal assert
   */
  public ServicePrincipalAssert isActive() {
    isNotNull();
    if (!actual.active()) {
      failWithMessage("Expecting service principal \"%s\" (%s) to be active but was inactive", actual.displayName(),
          actual.applicationId());
    }
    return this;
  }

  private static List<String> describe(List<TokenPermission> acl) {
    return acl.stream().map(p -> p.principal() + " " + p.level()).toList();
  }
}
