package com.treasuredata.cas.databricks;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What {@link CasOnboarding#apply()} did: the service principal, one {@link StepResult} per step,
 * the token, the grants, the IP access list and how many HTTP requests and writes it took. Built
 * by the library only.
 *
 * <p>The token value appears only as {@link #token()}, a {@link Secret}: {@code toString()} and
 * {@link #toJson()} mask it. When an existing token of ours was reused, its value cannot be read
 * back, so {@link #token()} is empty and {@link #isSecretUnavailable()} is true. A failed apply
 * carries a partial result in {@link OnboardingFailedException#partialResult()}.
 *
 * <pre>{@code
 * OnboardingResult result = onboarding.apply();
 * System.out.println(result.applicationId() + " " + result.writeCount() + " writes");
 * result.token().ifPresent(t -> vault.store("cas/databricks", t.reveal()));
 * }</pre>
 */
public interface OnboardingResult {

  /**
   * Returns the id of the run (as in its log lines' MDC).
   *
   * @return the id of the run (as in its log lines' MDC)
   */
  String runId();

  /**
   * Returns the workspace.
   *
   * @return the workspace
   */
  URI workspaceHost();

  /**
   * Returns the service principal; empty only in a partial result.
   *
   * @return the service principal; empty only in a partial result
   */
  Optional<ServicePrincipalRef> servicePrincipal();

  /**
   * Returns one result per step, in declaration order.
   *
   * @return one result per step, in declaration order
   */
  List<StepResult> steps();

  /**
   * Returns the minted or reused token, if a token step ran.
   *
   * @return the minted or reused token, if a token step ran
   */
  Optional<TokenDetails> tokenDetails();

  /**
   * Returns the value of a token minted by this run.
   *
   * @return the value of a token minted by this run
   */
  Optional<Secret> token();

  /**
   * Returns the OAuth M2M secret created by this run ({@code oauthSecret(..)}, or a kept Azure
   * bootstrap secret); its client id is {@link #applicationId()}.
   *
   * @return the OAuth secret, if one was created
   */
  Optional<Secret> oauthSecret();

  /**
   * Returns the catalog grants that are in place.
   *
   * @return the catalog grants that are in place
   */
  List<CatalogGrant> grants();

  /**
   * Returns the id of the ALLOW list holding the addresses, if any.
   *
   * @return the id of the ALLOW list holding the addresses, if any
   */
  Optional<String> ipAccessListId();

  /**
   * Returns what to paste into CAS's Databricks connection form (server hostname, HTTP path, port,
   * catalog, applicationId, the token as a {@link Secret}, the JDBC URL forms), when the onboarding
   * chose a warehouse.
   *
   * @return the connection details, when a warehouse was chosen
   */
  Optional<ConnectionDetails> connectionDetails();

  /**
   * Returns the number of HTTP requests sent, retries included.
   *
   * @return the number of HTTP requests sent, retries included
   */
  int requestCount();

  /**
   * Returns the number of HTTP requests other than GET.
   *
   * @return the number of HTTP requests other than GET
   */
  int writeCount();

  /**
   * Returns the service principal's applicationId.
   *
   * @return the service principal's applicationId
   * @throws IllegalStateException in a partial result without one
   */
  default String applicationId() {
    return requireServicePrincipal().applicationId();
  }

  /**
   * Returns the service principal's SCIM id.
   *
   * @return the service principal's SCIM id
   * @throws IllegalStateException in a partial result without one
   */
  default String servicePrincipalId() {
    return requireServicePrincipal().id();
  }

  /**
   * Returns the service principal's display name.
   *
   * @return the service principal's display name
   * @throws IllegalStateException in a partial result without one
   */
  default String displayName() {
    return requireServicePrincipal().displayName();
  }

  /**
   * Returns true when every step completed or was skipped for its own reason.
   *
   * @return true when every step completed or was skipped for its own reason
   */
  default boolean isSuccess() {
    return steps().stream().allMatch(s -> s.isSuccess() && !(s instanceof StepResult.Skipped && ((StepResult.Skipped) s).cause().isFailure()));
  }

  /**
   * Returns true when a valid token of ours was reused, so no secret can be returned.
   *
   * @return true when a valid token of ours was reused, so no secret can be returned
   */
  default boolean isSecretUnavailable() {
    return tokenDetails().isPresent() && !tokenDetails().get().minted();
  }

  /**
   * Returns the result of step {@code name}, if there is such a step.
   *
   * @param name the name
   * @return the result of step {@code name}, if there is such a step
   */
  default Optional<StepResult> step(String name) {
    return steps().stream().filter(s -> s.step().equals(name)).findFirst();
  }

  /**
   * Returns the result as JSON for command lines and notebooks; the token value is masked.
   *
   * @return the result as JSON for command lines and notebooks; the token value is masked
   */
  String toJson();

  private ServicePrincipalRef requireServicePrincipal() {
    return servicePrincipal().orElseThrow(
        () -> new IllegalStateException("no service principal was resolved in this (partial) result; see steps()"));
  }
}
