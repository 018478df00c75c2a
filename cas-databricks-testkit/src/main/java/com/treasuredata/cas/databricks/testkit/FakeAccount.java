package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
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

  @Override
  public String toString() {
    return "FakeAccount[" + id() + ']';
  }
}
