package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
import com.treasuredata.cas.databricks.testkit.internal.engine.EngineWarehouses;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The account of a {@link FakeDatabricks}: read-only views for assertions and seed helpers.
 * Every view is an immutable copy taken under the fake's lock. Thread-safe.
 *
 * <pre>{@code
 * ServicePrincipal sp = fake.account().addServicePrincipal("TD-CAS-Service");
 * assertThat(fake.account().servicePrincipals()).extracting(ServicePrincipal::displayName).contains("TD-CAS-Service");
 * }</pre>
 */
public final class FakeAccount {

  private final FakeDatabricks fake;
  private final Engine engine;

  FakeAccount(FakeDatabricks fake, Engine engine) {
    this.fake = fake;
    this.engine = engine;
  }

  /**
   * Returns the account id.
   *
   * @return the account id
   */
  public String id() {
    return fake.accountId();
  }

  /**
   * Returns every service principal, in creation order.
   *
   * @return every service principal, in creation order
   */
  public List<ServicePrincipal> servicePrincipals() {
    synchronized (fake.lock()) {
      return engine.views().servicePrincipals();
    }
  }

  /**
   * Returns the service principals named {@code displayName} (display names are not unique).
   *
   * @param displayName the display name
   * @return the service principals named {@code displayName} (display names are not unique)
   */
  public List<ServicePrincipal> servicePrincipalsNamed(String displayName) {
    return servicePrincipals().stream().filter(sp -> sp.displayName().equals(displayName)).toList();
  }

  /**
   * Returns the service principal with {@code applicationId}, if any.
   *
   * @param applicationId the application id
   * @return the service principal with {@code applicationId}, if any
   */
  public Optional<ServicePrincipal> servicePrincipal(String applicationId) {
    return servicePrincipals().stream().filter(sp -> sp.applicationId().equals(applicationId)).findFirst();
  }

  /**
   * Creates a service principal (visible at once, whatever the consistency delay) and returns it.
   *
   * @param displayName the display name
   * @return the service principal
   */
  public ServicePrincipal addServicePrincipal(String displayName) {
    Objects.requireNonNull(displayName, "displayName");
    synchronized (fake.lock()) {
      return engine.seeding().addServicePrincipal(displayName, fake.clock().millis());
    }
  }

  /**
   * Deletes a service principal everywhere, as SCIM DELETE does (its tokens end).
   *
   * @param applicationId the application id
   * @throws IllegalArgumentException if there is none with {@code applicationId}
   */
  public void deleteServicePrincipal(String applicationId) {
    synchronized (fake.lock()) {
      engine.seeding().deleteServicePrincipal(applicationId);
    }
  }

  /**
   * Adds an account group (a valid Unity Catalog principal and token ACL group).
   *
   * @param name the name
   */
  public void addGroup(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (fake.lock()) {
      engine.seeding().addAccountGroup(name);
    }
  }

  /**
   * Returns the account group names.
   *
   * @return the account group names
   */
  public Set<String> groups() {
    synchronized (fake.lock()) {
      return engine.views().accountGroups();
    }
  }

  /**
   * Returns the OAuth secrets of service principal {@code servicePrincipalId} (SCIM id).
   *
   * @param servicePrincipalId the service principal id
   * @return the OAuth secrets of service principal {@code servicePrincipalId} (SCIM id)
   */
  public List<OAuthSecret> secrets(long servicePrincipalId) {
    synchronized (fake.lock()) {
      return engine.views().secrets(servicePrincipalId);
    }
  }

  /**
   * Creates an OAuth secret for {@code applicationId} and returns its value (shown only here).
   *
   * @param applicationId the application id
   * @param lifetime the lifetime
   * @return the secret
   */
  public Secret addSecret(String applicationId, Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    synchronized (fake.lock()) {
      return Secret.of(engine.seeding().addSecret(applicationId, lifetime, fake.clock().millis()));
    }
  }

  // ------------------------------------------------------------------ users, group members, other accounts

  /**
   * Returns every user of the account (the fake's admin user first), in creation order.
   *
   * @return every user of the account (the fake's admin user first), in creation order
   */
  public List<com.treasuredata.cas.databricks.testkit.state.User> users() {
    synchronized (fake.lock()) {
      return engine.views().users();
    }
  }

  /**
   * Returns the user named {@code userName} (case-insensitive), if any.
   *
   * @param userName the user name
   * @return the user named {@code userName} (case-insensitive), if any
   */
  public Optional<com.treasuredata.cas.databricks.testkit.state.User> user(String userName) {
    return users().stream().filter(u -> u.userName().equalsIgnoreCase(userName)).findFirst();
  }

  /**
   * Creates an account user (not assigned to any workspace) and returns it.
   *
   * @param userName an e-mail address, unique in the account
   * @param displayName free text; may equal a service principal's
   * @return the new user
   * @throws IllegalArgumentException if the user name is taken
   */
  public com.treasuredata.cas.databricks.testkit.state.User addUser(String userName, String displayName) {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(displayName, "displayName");
    synchronized (fake.lock()) {
      return engine.seeding().addUser(userName, displayName, fake.clock().millis());
    }
  }

  /**
   * Adds a principal to an account group (created if missing).
   *
   * @param group the account group name
   * @param principal a user name or a service principal's applicationId
   */
  public void addGroupMember(String group, String principal) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(principal, "principal");
    synchronized (fake.lock()) {
      engine.seeding().addGroupMember(group, principal);
    }
  }

  /**
   * Returns the members of account group {@code group}: user names and applicationIds.
   *
   * @param group the group
   * @return the members of account group {@code group}: user names and applicationIds
   */
  public Set<String> groupMembers(String group) {
    synchronized (fake.lock()) {
      return engine.views().groupMembers(group);
    }
  }

  /**
   * Adds another account to the fake. This account's admin is not its admin, so the account API
   * answers a call naming it as the real API answers a caller who is not an admin of the account
   * (see {@link Behaviours#wrongAccountStatus()}). Gone after {@code reset()}, like other seeds.
   *
   * @param accountId the other account's id
   */
  public void addOtherAccount(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    synchronized (fake.lock()) {
      engine.seeding().addOtherAccount(accountId);
    }
  }

  /**
   * Returns the ids of the fake's other accounts.
   *
   * @return the ids of the fake's other accounts
   */
  public List<String> otherAccounts() {
    synchronized (fake.lock()) {
      return engine.views().otherAccounts();
    }
  }

  /**
   * Activates or deactivates service principal {@code applicationId} (SCIM {@code active}); a
   * deactivated one cannot authenticate or get a token.
   *
    * @param applicationId the application id
    * @param active the active
   * @throws IllegalArgumentException if there is none with {@code applicationId}
   */
  public void setActive(String applicationId, boolean active) {
    Objects.requireNonNull(applicationId, "applicationId");
    synchronized (fake.lock()) {
      engine.seeding().setActive(applicationId, active);
    }
  }

  /**
   * Returns the direct workspace entitlements of service principal {@code applicationId}.
   *
   * @param applicationId the application id
   * @return the direct workspace entitlements of service principal {@code applicationId}
   */
  public Set<String> entitlements(String applicationId) {
    synchronized (fake.lock()) {
      return new EngineWarehouses(engine).entitlements(applicationId);
    }
  }

  /**
   * Grants or removes a direct entitlement of service principal {@code applicationId}, e.g. {@code databricks-sql-access}.
   *
   * @param applicationId the application id
   * @param entitlement the entitlement
   * @param granted the granted
   */
  public void setEntitlement(String applicationId, String entitlement, boolean granted) {
    synchronized (fake.lock()) {
      new EngineWarehouses(engine).setEntitlement(applicationId, entitlement, granted);
    }
  }

  @Override
  public String toString() {
    return "FakeAccount[" + id() + ']';
  }
}
