package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * A typed name for something a step publishes for the steps after it, e.g. the service principal
 * or the minted token. Keys compare by identity: declare each once as a constant.
 *
 * <pre>{@code
 * static final RunKey<String> WAREHOUSE_ID = RunKey.of("warehouse-id", String.class);
 * ...
 * ctx.publish(WAREHOUSE_ID, id);                           // in one step
 * String id = ctx.require(WAREHOUSE_ID);                   // in a step that depends on it
 * ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
 * }</pre>
 *
 * @param <T> the value type
 */
public final class RunKey<T> {

  /** The service principal, published by the service principal step once found or created (also while planning, when it exists). */
  public static final RunKey<ServicePrincipalRef> SERVICE_PRINCIPAL = of("service-principal", ServicePrincipalRef.class);

  /** True when this run creates (or, while planning, would create) the service principal: dependents then know it holds nothing yet. */
  public static final RunKey<Boolean> NEW_SERVICE_PRINCIPAL = of("new-service-principal", Boolean.class);

  /** True when this run added the service principal to the workspace: its identity may still be propagating. */
  public static final RunKey<Boolean> MEMBERSHIP_ADDED = of("membership-added", Boolean.class);

  /** The token minted or reused for the service principal. */
  public static final RunKey<TokenDetails> TOKEN = of("token", TokenDetails.class);

  /** The value of a token this run minted; never present for a reused token. */
  public static final RunKey<Secret> TOKEN_SECRET = of("token-secret", Secret.class);

  /** The id of the ALLOW list that holds the requested addresses. */
  public static final RunKey<String> IP_ACCESS_LIST_ID = of("ip-access-list-id", String.class);

  /** The value of the OAuth M2M secret created for the service principal (its client id is the applicationId). */
  public static final RunKey<Secret> OAUTH_SECRET = of("oauth-secret", Secret.class);

  /** The SQL warehouse the service principal may use, published by the warehouse step. */
  public static final RunKey<WarehouseRef> WAREHOUSE = of("warehouse", WarehouseRef.class);

  private final String name;
  private final Class<T> type;

  private RunKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /**
   * Returns a new key.
   *
   * @param <T> the type of the value
   * @param name the name
   * @param type the type
   * @return a new key
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <T> RunKey<T> of(String name, Class<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a run key's name must not be blank; allowed: a short descriptive name such as \"warehouse-id\"");
    }
    return new RunKey<>(name, type);
  }

  /**
   * Returns the name, for messages.
   *
   * @return the name, for messages
   */
  public String name() {
    return name;
  }

  /**
   * Returns the value type.
   *
   * @return the value type
   */
  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return "RunKey[" + name + ": " + type.getSimpleName() + "]";
  }
}
