package com.treasuredata.cas.databricks.testkit.internal.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The fake's mutable state; every class deep-copies so snapshots are independent. Guarded by the engine lock. */
final class Model {

  private Model() {}

  static final class Account {
    String accountId;
    String adminTokenHash;
    long adminUserId;
    String adminUserName;
    final Map<Long, Sp> sps = new LinkedHashMap<>();
    final Map<String, Long> spByAppId = new LinkedHashMap<>();
    final Map<String, Long> groups = new LinkedHashMap<>(); // account groups: name -> id
    final Map<Long, Workspace> workspaces = new LinkedHashMap<>();
    final Map<String, OAuthToken> oauthTokens = new LinkedHashMap<>(); // by SHA-256 of the value
    // users, group members and other accounts (appended)
    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<String, Long> userByName = new LinkedHashMap<>(); // lower-case userName -> id
    final Map<Long, Set<Long>> groupMembers = new LinkedHashMap<>(); // account group id -> principal ids
    final Map<String, String> otherAccounts = new LinkedHashMap<>(); // account id -> name

    Account copy() {
      Account c = new Account();
      c.accountId = accountId;
      c.adminTokenHash = adminTokenHash;
      c.adminUserId = adminUserId;
      c.adminUserName = adminUserName;
      sps.forEach((k, v) -> c.sps.put(k, v.copy()));
      c.spByAppId.putAll(spByAppId);
      c.groups.putAll(groups);
      workspaces.forEach((k, v) -> c.workspaces.put(k, v.copy()));
      c.oauthTokens.putAll(oauthTokens); // immutable records
      users.forEach((k, v) -> c.users.put(k, v.copy()));
      c.userByName.putAll(userByName);
      groupMembers.forEach((k, v) -> c.groupMembers.put(k, new LinkedHashSet<>(v)));
      c.otherAccounts.putAll(otherAccounts);
      return c;
    }
  }

  static final class Sp {
    long id;
    String appId;
    String displayName;
    // displayName lower-cased, for SCIM's case-insensitive eq; recomputed when displayName is another
    // string. Transient: a cache, not state (state diffs skip it)
    private transient String lowerOf;
    private transient String lower;
    boolean active = true;
    String externalId;
    List<String> roles = new ArrayList<>();
    Set<String> entitlements = new LinkedHashSet<>();
    long createdMs;
    int invisibleReads;
    long visibleAtMs;
    final Map<String, Secret> secrets = new LinkedHashMap<>();

    /** The display name in lower case (root locale), as SCIM filters compare it; null when unset. */
    String lowerDisplayName() {
      if (lowerOf != displayName) {
        lowerOf = displayName;
        lower = displayName == null ? null : displayName.toLowerCase(java.util.Locale.ROOT);
      }
      return lower;
    }

    Sp copy() {
      Sp c = new Sp();
      c.id = id;
      c.appId = appId;
      c.displayName = displayName;
      c.active = active;
      c.externalId = externalId;
      c.roles = new ArrayList<>(roles);
      c.entitlements = new LinkedHashSet<>(entitlements);
      c.createdMs = createdMs;
      c.invisibleReads = invisibleReads;
      c.visibleAtMs = visibleAtMs;
      c.secrets.putAll(secrets);
      return c;
    }
  }

  record Secret(String id, String hash, String valueHash, long createMs, long updateMs, long expireMs) {}

  record OAuthToken(long spId, Long workspaceId, long expiresMs) {}

  static final class Workspace {
    long id;
    String name;
    URI host;
    final Map<Long, List<String>> assignments = new LinkedHashMap<>(); // SP id -> USER/ADMIN
    final Map<String, Long> groupAssignments = new LinkedHashMap<>(); // account group -> (unused value)
    final Map<String, String> tokenAcl = new LinkedHashMap<>(); // "type:name" -> level
    final Map<String, Token> tokens = new LinkedHashMap<>(); // by token id
    final Map<String, String> conf = new TreeMap<>();
    final Map<String, IpList> ipLists = new LinkedHashMap<>();
    final Map<String, Catalog> catalogs = new LinkedHashMap<>();
    String metastoreId;
    final Map<Long, List<String>> userAssignments = new LinkedHashMap<>(); // user id -> USER/ADMIN
    final Set<String> metastoreAdmins = new LinkedHashSet<>(); // principal names

    String cloud = "aws";
    final Map<String, TokenUse> tokenUse = new LinkedHashMap<>(); // by token id
    final Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    final Set<String> usersEntitlements = new LinkedHashSet<>(List.of("workspace-access", "databricks-sql-access"));

    Workspace copy() {
      Workspace c = new Workspace();
      c.id = id;
      c.name = name;
      c.host = host;
      assignments.forEach((k, v) -> c.assignments.put(k, new ArrayList<>(v)));
      c.groupAssignments.putAll(groupAssignments);
      c.tokenAcl.putAll(tokenAcl);
      c.tokens.putAll(tokens); // immutable records
      c.conf.putAll(conf);
      ipLists.forEach((k, v) -> c.ipLists.put(k, v.copy()));
      catalogs.forEach((k, v) -> c.catalogs.put(k, v.copy()));
      c.metastoreId = metastoreId;
      userAssignments.forEach((k, v) -> c.userAssignments.put(k, new ArrayList<>(v)));
      c.metastoreAdmins.addAll(metastoreAdmins);

      c.cloud = cloud;
      tokenUse.forEach((k, v) -> c.tokenUse.put(k, v.copy()));
      warehouses.forEach((k, v) -> c.warehouses.put(k, v.copy()));
      c.usersEntitlements.clear();
      c.usersEntitlements.addAll(usersEntitlements);
      return c;
    }
  }

  /** A PAT; ownerSpId is 0 for the admin user. */
  record Token(
      String tokenId, long ownerId, long ownerSpId, String owner, long createdById, String createdByUsername,
      String comment, long creationMs, long expiryMs, boolean obo) {}

  static final class IpList {
    String id;
    String label;
    String type;
    List<String> addresses = new ArrayList<>();
    boolean enabled = true;
    long createdMs;
    long updatedMs;
    long createdBy;
    long updatedBy;

    IpList copy() {
      IpList c = new IpList();
      c.id = id;
      c.label = label;
      c.type = type;
      c.addresses = new ArrayList<>(addresses);
      c.enabled = enabled;
      c.createdMs = createdMs;
      c.updatedMs = updatedMs;
      c.createdBy = createdBy;
      c.updatedBy = updatedBy;
      return c;
    }
  }

  static final class Catalog {
    String name;
    String owner;
    String comment;
    long createdMs;
    String createdBy;
    final Map<String, Schema> schemas = new TreeMap<>();
    final Map<String, Set<String>> grants = new LinkedHashMap<>();

    Catalog copy() {
      Catalog c = new Catalog();
      c.name = name;
      c.owner = owner;
      c.comment = comment;
      c.createdMs = createdMs;
      c.createdBy = createdBy;
      schemas.forEach((k, v) -> c.schemas.put(k, v.copy()));
      grants.forEach((k, v) -> c.grants.put(k, new java.util.TreeSet<>(v)));
      return c;
    }
  }

  static final class Schema {
    String name;
    String owner;
    String comment;
    long createdMs;
    final Map<String, Set<String>> grants = new LinkedHashMap<>();
    final Map<String, Table> tables = new TreeMap<>();

    Schema copy() {
      Schema c = new Schema();
      c.name = name;
      c.owner = owner;
      c.comment = comment;
      c.createdMs = createdMs;
      grants.forEach((k, v) -> c.grants.put(k, new java.util.TreeSet<>(v)));
      tables.forEach((k, v) -> c.tables.put(k, v.copy()));
      return c;
    }
  }

  /** An account user; the fake's admin user is one. */
  static final class User {
    long id;
    String userName;
    String displayName;
    boolean active = true;
    String externalId;
    List<String> roles = new ArrayList<>();
    Set<String> entitlements = new LinkedHashSet<>();
    long createdMs;

    User copy() {
      User c = new User();
      c.id = id;
      c.userName = userName;
      c.displayName = displayName;
      c.active = active;
      c.externalId = externalId;
      c.roles = new ArrayList<>(roles);
      c.entitlements = new LinkedHashSet<>(entitlements);
      c.createdMs = createdMs;
      return c;
    }
  }

  /** A Unity Catalog table (metadata only: no data). */
  static final class Table {
    String name;
    String owner;
    String comment;
    String tableType;
    String dataSourceFormat;
    String columnsJson; // the request's columns, kept as sent
    long createdMs;
    final Map<String, Set<String>> grants = new LinkedHashMap<>();

    Table copy() {
      Table c = new Table();
      c.name = name;
      c.owner = owner;
      c.comment = comment;
      c.tableType = tableType;
      c.dataSourceFormat = dataSourceFormat;
      c.columnsJson = columnsJson;
      c.createdMs = createdMs;
      grants.forEach((k, v) -> c.grants.put(k, new java.util.TreeSet<>(v)));
      return c;
    }
  }

  /** Per-PAT usage, scopes and auto-scoping, beside the immutable {@link Token} records. */
  static final class TokenUse {
    long lastUsedMs; // 0: never used
    List<String> scopes; // null: an all-API token
    String autoscopeState; // null unless the auto-scoping switch is on
    final Set<String> seenScopes = new java.util.TreeSet<>();

    TokenUse copy() {
      TokenUse c = new TokenUse();
      c.lastUsedMs = lastUsedMs;
      c.scopes = scopes == null ? null : new ArrayList<>(scopes);
      c.autoscopeState = autoscopeState;
      c.seenScopes.addAll(seenScopes);
      return c;
    }
  }

  /** A SQL warehouse; {@code acl} holds the direct entries, {@code "TYPE:name" -> level}. */
  static final class Warehouse {
    String id;
    String name;
    String state = "RUNNING";
    String type = "PRO";
    boolean serverless = true;
    String creator;
    long createdMs;
    final Map<String, String> acl = new LinkedHashMap<>();

    Warehouse copy() {
      Warehouse c = new Warehouse();
      c.id = id;
      c.name = name;
      c.state = state;
      c.type = type;
      c.serverless = serverless;
      c.creator = creator;
      c.createdMs = createdMs;
      c.acl.putAll(acl);
      return c;
    }
  }
}
