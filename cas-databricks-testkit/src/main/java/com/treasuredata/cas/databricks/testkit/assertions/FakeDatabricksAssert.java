package com.treasuredata.cas.databricks.testkit.assertions;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over a fake's account and one of its workspaces (the default one unless
 * {@link #inWorkspace(long)} picks another). Create with
 * {@link FakeDatabricksAssertions#assertThat(FakeDatabricks)}. Not thread-safe; use one per
 * assertion chain.
 */
public final class FakeDatabricksAssert extends AbstractAssert<FakeDatabricksAssert, FakeDatabricks> {

  private final long workspaceId;

  FakeDatabricksAssert(FakeDatabricks actual, long workspaceId) {
    super(actual, FakeDatabricksAssert.class);
    this.workspaceId = workspaceId;
  }

  /**
   * Returns assertions like these whose workspace checks look at workspace {@code workspaceId}.
   *
   * @param workspaceId the workspace id
   * @return assertions like these whose workspace checks look at workspace {@code workspaceId}
   * @throws AssertionError if the fake has no such workspace
   */
  public FakeDatabricksAssert inWorkspace(long workspaceId) {
    isNotNull();
    boolean exists = actual.workspaces().stream().anyMatch(w -> w.id() == workspaceId);
    if (!exists) {
      failWithMessage("Expecting the fake to have workspace %s but its workspaces were %s", workspaceId,
          actual.workspaces().stream().map(FakeWorkspace::id).toList());
    }
    return new FakeDatabricksAssert(actual, workspaceId);
  }

  /**
   * Verifies that the account has exactly one service principal named {@code displayName} and
   * returns assertions over it. Two with the same name fail too: display names are not unique in
   * Databricks, so a second one usually means a non-idempotent run.
   *
   * @param displayName the display name
   * @return the service principal assert
   */
  public ServicePrincipalAssert hasServicePrincipalNamed(String displayName) {
    Objects.requireNonNull(displayName, "displayName");
    isNotNull();
    List<ServicePrincipal> named = actual.account().servicePrincipalsNamed(displayName);
    if (named.isEmpty()) {
      failWithMessage("Expecting the account to have a service principal named \"%s\" but its service principals "
          + "were named %s", displayName, displayNames());
    }
    if (named.size() > 1) {
      failWithMessage("Expecting the account to have one service principal named \"%s\" but was %s of them, with "
          + "applicationIds %s", displayName, named.size(), named.stream().map(ServicePrincipal::applicationId).toList());
    }
    return new ServicePrincipalAssert(named.get(0), workspace(), actual.clock()::now);
  }

  /**
   * Verifies that the account has no service principal named {@code displayName}.
   *
   * @param displayName the display name
   * @return this fake databricks assert
   */
  public FakeDatabricksAssert hasNoServicePrincipalNamed(String displayName) {
    Objects.requireNonNull(displayName, "displayName");
    isNotNull();
    List<ServicePrincipal> named = actual.account().servicePrincipalsNamed(displayName);
    if (!named.isEmpty()) {
      failWithMessage("Expecting the account to have no service principal named \"%s\" but was %s, with "
          + "applicationIds %s", displayName, named.size(), named.stream().map(ServicePrincipal::applicationId).toList());
    }
    return this;
  }

  /**
   * Verifies that the workspace has catalog {@code name} and returns assertions over its grants.
   *
   * @param name the name
   * @return the catalog assert
   */
  public CatalogAssert catalog(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    FakeWorkspace workspace = workspace();
    List<String> names = workspace.catalogs().stream().map(c -> c.name()).toList();
    if (!names.contains(name)) {
      failWithMessage("Expecting workspace %s to have catalog \"%s\" but its catalogs were %s", workspaceId, name, names);
    }
    return new CatalogAssert(name, workspace);
  }

  /**
   * Verifies that the workspace has an enabled ALLOW IP access list labelled {@code label} that
   * contains every one of {@code addresses} (and possibly more).
   *
   * @param addresses the addresses
   * @param label the label
   * @return this fake databricks assert
   */
  public FakeDatabricksAssert hasAllowListContaining(String label, String... addresses) {
    Objects.requireNonNull(label, "label");
    isNotNull();
    List<IpAccessList> lists = workspace().ipAccessLists();
    IpAccessList found = null;
    for (IpAccessList list : lists) {
      if (list.label().equals(label) && list.listType().equals("ALLOW")) {
        found = list;
      }
    }
    if (found == null) {
      failWithMessage("Expecting workspace %s to have an ALLOW list labelled \"%s\" but its lists were %s",
          workspaceId, label, describe(lists));
      return this;
    }
    List<String> missing = new ArrayList<>();
    for (String address : addresses) {
      if (!found.ipAddresses().contains(address)) {
        missing.add(address);
      }
    }
    if (!missing.isEmpty()) {
      failWithMessage("Expecting ALLOW list \"%s\" of workspace %s to contain %s but was %s (missing %s)", label,
          workspaceId, List.of(addresses), found.ipAddresses(), missing);
    }
    if (!found.enabled()) {
      failWithMessage("Expecting ALLOW list \"%s\" of workspace %s to be enabled but was disabled", label, workspaceId);
    }
    return this;
  }

  /**
   * Verifies that workspace-conf key {@code key} is set to {@code value}.
   *
   * @param key the key
   * @param value the value
   * @return this fake databricks assert
   */
  public FakeDatabricksAssert hasConf(String key, String value) {
    Objects.requireNonNull(key, "key");
    isNotNull();
    String actualValue = workspace().conf().get(key);
    if (!Objects.equals(actualValue, value)) {
      failWithMessage("Expecting workspace-conf %s of workspace %s to be \"%s\" but was %s", key, workspaceId, value,
          actualValue == null ? "unset" : "\"" + actualValue + "\"");
    }
    return this;
  }

  /**
   * Returns assertions over the fake's request journal.
   *
   * @return assertions over the fake's request journal
   */
  public JournalAssert journal() {
    isNotNull();
    return new JournalAssert(actual.journal());
  }

  private FakeWorkspace workspace() {
    return actual.workspace(workspaceId);
  }

  private List<String> displayNames() {
    return actual.account().servicePrincipals().stream().map(ServicePrincipal::displayName).toList();
  }

  private static List<String> describe(List<IpAccessList> lists) {
    return lists.stream().map(l -> l.listType() + " \"" + l.label() + "\" " + l.ipAddresses()).toList();
  }
}
