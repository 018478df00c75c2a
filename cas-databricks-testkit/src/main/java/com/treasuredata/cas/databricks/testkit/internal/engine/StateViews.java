package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.Catalog;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.User;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The hidden implementations of the {@code state} views: immutable records only the engine builds. */
final class StateViews {

  private StateViews() {}

  record CatalogView(String name, String owner, String comment, List<String> schemas) implements Catalog {

    CatalogView {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(comment, "comment");
      schemas = List.copyOf(schemas);
    }
  }

  record IpAccessListView(
      String listId, String label, String listType, List<String> ipAddresses, boolean enabled, Instant createdAt, Instant updatedAt)
      implements IpAccessList {

    IpAccessListView {
      Objects.requireNonNull(listId, "listId");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(listType, "listType");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
      ipAddresses = List.copyOf(ipAddresses);
    }
  }

  record IssuedTokenView(
      String tokenId, long workspaceId, long ownerId, String owner, long createdById, String createdByUsername, String comment, Instant creationTime, Optional<Instant> expiryTime, boolean onBehalfOf)
      implements IssuedToken {

    IssuedTokenView {
      Objects.requireNonNull(tokenId, "tokenId");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(createdByUsername, "createdByUsername");
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(creationTime, "creationTime");
      Objects.requireNonNull(expiryTime, "expiryTime");
    }
  }

  record OAuthSecretView(
      String id, long servicePrincipalId, String secretHash, Instant createTime, Instant expireTime)
      implements OAuthSecret {

    OAuthSecretView {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(secretHash, "secretHash");
      Objects.requireNonNull(createTime, "createTime");
      Objects.requireNonNull(expireTime, "expireTime");
    }
  }

  record PrivilegeAssignmentView(String principal, Set<String> privileges) implements PrivilegeAssignment {

    PrivilegeAssignmentView {
      Objects.requireNonNull(principal, "principal");
      SortedSet<String> copy = new TreeSet<>(Objects.requireNonNull(privileges, "privileges"));
      privileges = Collections.unmodifiableSortedSet(copy);
    }
  }

  record ServicePrincipalView(
      long id, String applicationId, String displayName, boolean active, Optional<String> externalId, List<String> roles, Instant created)
      implements ServicePrincipal {

    ServicePrincipalView {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(created, "created");
      roles = List.copyOf(roles);
    }
  }

  record WorkspaceAssignmentView(
      long principalId, PrincipalType type, String principalName, String displayName, List<String> permissions)
      implements WorkspaceAssignment {

    WorkspaceAssignmentView {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(principalName, "principalName");
      Objects.requireNonNull(displayName, "displayName");
      permissions = List.copyOf(permissions);
    }
  }

  record UserView(long id, String userName, String displayName, boolean active) implements User {

    static UserView of(Model.User u) {
      return new UserView(u.id, u.userName, u.displayName, u.active);
    }
  }
}
