package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.SqlWarehouse;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeding and views for SQL warehouses, the {@code users} group's entitlements and a service
 * principal's active flag and entitlements; and the field-by-field difference of two states. Not API.
 */
public final class EngineWarehouses {

  private final Engine engine;

  public EngineWarehouses(Engine engine) {
    this.engine = engine;
  }

  /** Adds a warehouse owned by the admin user ({@code IS_OWNER}); returns its id. */
  public String addWarehouse(long workspaceId, String name, String type, boolean serverless, String state, long now) {
    Model.Workspace ws = engine.workspace(workspaceId);
    Model.Warehouse wh = new Model.Warehouse();
    do {
      wh.id = engine.newHex(16);
    } while (ws.warehouses.containsKey(wh.id));
    wh.name = name;
    wh.type = type;
    wh.serverless = serverless;
    wh.state = state;
    wh.creator = engine.account.adminUserName;
    wh.createdMs = now;
    wh.acl.put(Engine.aclKey(PrincipalType.USER, wh.creator), "IS_OWNER");
    ws.warehouses.put(wh.id, wh);
    return wh.id;
  }

  public List<SqlWarehouse> warehouses(long workspaceId) {
    List<SqlWarehouse> out = new ArrayList<>();
    for (Model.Warehouse wh : engine.workspace(workspaceId).warehouses.values()) {
      List<WarehousePermission> acl = new ArrayList<>();
      wh.acl.forEach((key, level) -> {
        Engine.AclPrincipal p = Engine.AclPrincipal.of(key);
        acl.add(new WarehousePermission(p.type(), p.name(), level));
      });
      out.add(new SqlWarehouse(wh.id, wh.name, wh.state, wh.type, wh.serverless, wh.creator, acl));
    }
    return out;
  }

  private Model.Warehouse warehouse(long workspaceId, String id) {
    Model.Warehouse wh = engine.workspace(workspaceId).warehouses.get(id);
    if (wh == null) {
      throw new IllegalArgumentException("no warehouse " + id + " in workspace " + workspaceId);
    }
    return wh;
  }

  public void setWarehouseState(long workspaceId, String id, String state) {
    warehouse(workspaceId, id).state = state;
  }

  /** Sets one direct ACL entry; a null level removes it. */
  public void setWarehousePermission(long workspaceId, String id, PrincipalType type, String principal, String level) {
    Map<String, String> acl = warehouse(workspaceId, id).acl;
    if (level == null) {
      acl.remove(Engine.aclKey(type, principal));
    } else {
      acl.put(Engine.aclKey(type, principal), level);
    }
  }

  public Set<String> usersEntitlements(long workspaceId) {
    return Set.copyOf(engine.workspace(workspaceId).usersEntitlements);
  }

  public void setUsersEntitlement(long workspaceId, String entitlement, boolean granted) {
    Set<String> ents = engine.workspace(workspaceId).usersEntitlements;
    if (granted) {
      ents.add(entitlement);
    } else {
      ents.remove(entitlement);
    }
  }

  private Model.Sp sp(String applicationId) {
    Long id = engine.account.spByAppId.get(applicationId);
    if (id == null) {
      throw new IllegalArgumentException("no service principal with applicationId " + applicationId);
    }
    return engine.account.sps.get(id);
  }

  public Set<String> entitlements(String applicationId) {
    return Set.copyOf(sp(applicationId).entitlements);
  }

  public void setEntitlement(String applicationId, String entitlement, boolean granted) {
    if (granted) {
      sp(applicationId).entitlements.add(entitlement);
    } else {
      sp(applicationId).entitlements.remove(entitlement);
    }
  }

  // ------------------------------------------------------------------ differences

  /** Returns {@code path: before -> after} for every field that differs between {@code a} and {@code b}. */
  public static List<String> differences(Engine.State a, Engine.State b) {
    Map<String, String> left = new TreeMap<>();
    Map<String, String> right = new TreeMap<>();
    flatten("account", a.account, left);
    flatten("account", b.account, right);
    Set<String> paths = new TreeSet<>(left.keySet());
    paths.addAll(right.keySet());
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      String before = left.get(path);
      String after = right.get(path);
      if (before == null ? after != null : !before.equals(after)) {
        out.add(path + ": " + (before == null ? "(absent)" : before) + " -> " + (after == null ? "(absent)" : after));
      }
    }
    return out;
  }

  /** Flattens the model by reflection, so that a field added to it later is compared too. Maps are keyed; lists are indexed. */
  private static void flatten(String path, Object value, Map<String, String> out) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof java.net.URI) {
      out.put(path, String.valueOf(value));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(path + "[" + k + "]", v, out));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(path + "[" + i + "]", list.get(i), out);
      }
    } else if (value instanceof Collection<?> set) {
      new TreeSet<>(set.stream().map(String::valueOf).toList()).forEach(v -> out.put(path + "{" + v + "}", "present"));
    } else if (value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          flatten(path + "." + c.getName(), c.getAccessor().invoke(value), out);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (value.getClass().getEnclosingClass() == Model.class) {
      for (Field f : value.getClass().getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())
            || f.getName().equals("invisibleReads") || f.getName().equals("visibleAtMs")) {
          continue; // caches and eventual-consistency counters are not state anyone can observe after the fact
        }
        try {
          flatten(path + "." + f.getName(), f.get(value), out);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    } else {
      out.put(path, String.valueOf(value));
    }
  }
}
