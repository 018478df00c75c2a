package com.treasuredata.cas.databricks.testkit.internal.engine;

import static com.treasuredata.cas.databricks.testkit.internal.engine.ScimSupport.bool;
import static com.treasuredata.cas.databricks.testkit.internal.engine.ScimSupport.scalar;
import static com.treasuredata.cas.databricks.testkit.internal.engine.ScimSupport.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** SCIM PUT and PatchOp on the attributes service principals and users share. */
final class ScimPatch {

  /** The attributes of one SCIM principal, whatever its model class. */
  interface Target {
    void displayName(String v);

    void active(boolean v);

    void externalId(String v);

    List<String> roles();

    void roles(List<String> v);

    Set<String> entitlements();

    void entitlements(Set<String> v);

    /** The attribute that names the principal and cannot change: applicationId or userName. */
    String keyAttribute();

    String key();
  }

  private ScimPatch() {}

  static Target of(Model.Sp sp) {
    return new Target() {
      public void displayName(String v) {
        sp.displayName = v;
      }

      public void active(boolean v) {
        sp.active = v;
      }

      public void externalId(String v) {
        sp.externalId = v;
      }

      public List<String> roles() {
        return sp.roles;
      }

      public void roles(List<String> v) {
        sp.roles = v;
      }

      public Set<String> entitlements() {
        return sp.entitlements;
      }

      public void entitlements(Set<String> v) {
        sp.entitlements = v;
      }

      public String keyAttribute() {
        return "applicationId";
      }

      public String key() {
        return sp.appId;
      }
    };
  }

  static Target of(Model.User u) {
    return new Target() {
      public void displayName(String v) {
        u.displayName = v;
      }

      public void active(boolean v) {
        u.active = v;
      }

      public void externalId(String v) {
        u.externalId = v;
      }

      public List<String> roles() {
        return u.roles;
      }

      public void roles(List<String> v) {
        u.roles = v;
      }

      public Set<String> entitlements() {
        return u.entitlements;
      }

      public void entitlements(Set<String> v) {
        u.entitlements = v;
      }

      public String keyAttribute() {
        return "userName";
      }

      public String key() {
        return u.userName;
      }
    };
  }

  /** Applies a full object (create, PUT); PUT replaces: what the body leaves out is cleared, not kept. */
  static void apply(Target t, JsonNode body, boolean account, boolean replace) {
    String key = Json.text(body, t.keyAttribute());
    if (key != null && !key.equalsIgnoreCase(t.key())) {
      throw ApiError.scim(400, "mutability", t.keyAttribute() + " cannot be changed.");
    }
    if (replace) {
      t.displayName(null);
      t.active(true);
      t.externalId(null);
      t.roles(new ArrayList<>());
      if (!account) {
        t.entitlements(new LinkedHashSet<>());
      }
    }
    String displayName = Json.text(body, "displayName");
    if (displayName != null) {
      t.displayName(displayName);
    }
    if (body.has("active")) {
      t.active(bool(body.get("active")));
    }
    if (body.has("externalId")) {
      String ext = Json.text(body, "externalId");
      if (ext != null && ext.length() > 64) {
        throw ApiError.scim(400, "invalidValue", "externalId must be at most 64 characters.");
      }
      t.externalId(ext);
    }
    if (body.has("roles")) {
      t.roles(values(body.get("roles")));
    }
    if (!account && body.has("entitlements")) {
      t.entitlements(new LinkedHashSet<>(values(body.get("entitlements"))));
    }
  }

  /** Runs the PatchOp {@code Operations} of {@code r} against {@code t}. */
  static void patch(Target t, Req r, boolean account) {
    for (JsonNode op : ScimSupport.operations(r)) {
      String kind = Json.text(op, "op");
      String path = Json.text(op, "path");
      JsonNode value = op.get("value");
      if (kind == null) {
        throw ApiError.scim(400, "invalidSyntax", "op is required.");
      }
      switch (kind.toLowerCase(Locale.ROOT)) {
        case "add":
        case "replace":
          boolean add = kind.equalsIgnoreCase("add");
          if (path == null) {
            if (value == null || !value.isObject()) {
              throw ApiError.scim(400, "invalidValue", "value must be an object when path is absent.");
            }
            Iterator<String> names = value.fieldNames();
            while (names.hasNext()) {
              String name = names.next();
              if (!name.equals("schemas")) {
                applyPath(t, name, value.get(name), add);
              }
            }
          } else {
            applyPath(t, path, value, add);
          }
          break;
        case "remove":
          if (path == null) {
            throw ApiError.scim(400, "noTarget", "path is required for remove.");
          }
          remove(t, path, value);
          break;
        default:
          throw ApiError.scim(400, "invalidSyntax", "Unsupported op: " + kind + " (expected add, remove or replace).");
      }
    }
  }

  private static void applyPath(Target t, String path, JsonNode value, boolean add) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.equals(t.keyAttribute().toLowerCase(Locale.ROOT))) {
      if (!t.key().equalsIgnoreCase(scalar(value))) {
        throw ApiError.scim(400, "mutability", t.keyAttribute() + " cannot be changed.");
      }
      return;
    }
    switch (p) {
      case "displayname":
        t.displayName(scalar(value));
        break;
      case "active":
        t.active(bool(value));
        break;
      case "externalid":
        t.externalId(scalar(value));
        break;
      case "roles":
        if (add) {
          for (String v : values(value)) {
            if (!t.roles().contains(v)) {
              t.roles().add(v);
            }
          }
        } else {
          t.roles(values(value));
        }
        break;
      case "entitlements":
        if (!add) {
          t.entitlements().clear();
        }
        t.entitlements().addAll(values(value));
        break;
      default:
        throw ApiError.scim(400, "invalidPath", "Unsupported path: " + path);
    }
  }

  /** The value a SCIM filter path such as {@code members[value eq "x"]} names, or null. */
  static String filteredValue(String path) {
    int bracket = path.indexOf('[');
    if (bracket <= 0) {
      return null;
    }
    String inner = path.substring(bracket + 1, path.lastIndexOf(']'));
    int quote = inner.indexOf('"');
    return quote >= 0 ? inner.substring(quote + 1, inner.lastIndexOf('"')) : inner.replaceAll(".*\\s", "");
  }

  /** The attribute of a path, without any value filter, lower-case. */
  static String attribute(String path) {
    int bracket = path.indexOf('[');
    return (bracket > 0 ? path.substring(0, bracket) : path).toLowerCase(Locale.ROOT);
  }

  private static void remove(Target t, String path, JsonNode value) {
    String filtered = filteredValue(path);
    List<String> victims = filtered != null ? List.of(filtered) : value == null ? null : values(value);
    switch (attribute(path)) {
      case "roles":
        if (victims == null) {
          t.roles().clear();
        } else {
          t.roles().removeAll(victims);
        }
        break;
      case "entitlements":
        if (victims == null) {
          t.entitlements().clear();
        } else {
          victims.forEach(t.entitlements()::remove);
        }
        break;
      case "externalid":
        t.externalId(null);
        break;
      default:
        throw ApiError.scim(400, "invalidPath", "Unsupported path for remove: " + path);
    }
  }
}
