package com.treasuredata.cas.databricks.internal.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates hosts and account ids before any request is sent. Not API.
 *
 * <p>A host must be {@code https://name[:port]} with a port from 1 to 65535: no path (other than "/"), query, fragment or user
 * info. Plain {@code http} is allowed only for loopback (localhost, 127.0.0.0/8, ::1), where the
 * testkit's fake and local proxies live; no DNS lookup is made to decide that. Error messages
 * never echo user info or a query, since either may hold a credential.
 */
public final class Hosts {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final String ALLOWED =
      "an https URL of the form https://<host>[:port] with no path, query, fragment or user info"
          + " (http is allowed only for loopback: localhost, 127.0.0.0/8, [::1])";

  private Hosts() {}

  /**
   * Returns {@code host} normalised to {@code scheme://host[:port]}. The scheme is required: a
   * bare host name is refused rather than guessed, so that a typo never turns into a TLS error.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static URI validate(String host) {
    Objects.requireNonNull(host, "host");
    String text = host.strip();
    if (!text.isEmpty() && !text.contains("://")) {
      throw new IllegalArgumentException(
          "host '" + redact(text) + "' has no scheme; write https://" + redact(text) + " (the workspace URL as the browser shows it); expected " + ALLOWED);
    }
    return parse(host);
  }

  /**
   * Like {@link #validate(String)}, but a bare host name gets {@code https://}, as the Databricks
   * SDK itself treats the host of a profile or {@code DATABRICKS_HOST}.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static URI validateConfigured(String host) {
    Objects.requireNonNull(host, "host");
    String text = host.strip();
    return parse(text.isEmpty() || text.contains("://") ? host : "https://" + text);
  }

  private static URI parse(String host) {
    String text = host.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("host must not be blank; expected " + ALLOWED);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("host '" + redact(text) + "' is not a valid URL; expected " + ALLOWED);
    }
    return validate(uri, host);
  }

  /**
   * Validates an already-parsed host URI; see {@link #validate(String)}.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static URI validate(URI host) {
    Objects.requireNonNull(host, "host");
    return validate(host, host.toString());
  }

  private static URI validate(URI uri, String original) {
    String shown = redact(original);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("host '" + shown + "' has no host name; expected " + ALLOWED);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("host '" + shown + "' must not contain user info; expected " + ALLOWED);
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("host '" + shown + "' must not contain a query; expected " + ALLOWED);
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("host '" + shown + "' must not contain a fragment; expected " + ALLOWED);
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw new IllegalArgumentException("host '" + shown + "' must not contain a path (" + path + "); expected " + ALLOWED);
    }
    String name = uri.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      if (!isLoopback(name)) {
        throw new IllegalArgumentException("host '" + shown + "' uses http, which is allowed only for loopback; expected " + ALLOWED);
      }
    } else if (!scheme.equals("https")) {
      throw new IllegalArgumentException("host '" + shown + "' has scheme '" + scheme + "'; expected " + ALLOWED);
    }
    int port = uri.getPort();
    if (port == 0 || port > 65535) {
      throw new IllegalArgumentException("host '" + shown + "' has port " + port + ", which is not a TCP port; allowed: 1 to 65535"
          + " (or none: https means 443); expected " + ALLOWED);
    }
    return URI.create(scheme + "://" + name + (port < 0 ? "" : ":" + port));
  }

  /** Returns true for localhost, 127.0.0.0/8 and ::1, judged by the literal name only. */
  public static boolean isLoopback(String hostName) {
    String name = hostName.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.equals("localhost")
        || IPV4_LOOPBACK.matcher(name).matches()
        || name.equals("::1")
        || name.equals("0:0:0:0:0:0:0:1");
  }

  /** Returns true for an account console host ({@code accounts.*} or {@code accounts-dod.*}). */
  public static boolean isAccountHost(URI host) {
    String name = host.getHost() == null ? "" : host.getHost().toLowerCase(Locale.ROOT);
    return name.startsWith("accounts.") || name.startsWith("accounts-dod.");
  }

  /**
   * Returns {@code accountId} if it is a UUID.
   *
   * @throws NullPointerException if {@code accountId} is null
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static String validateAccountId(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    String text = accountId.strip();
    if (!UUID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "accountId '" + printable(accountId) + "' is not a Databricks account id; expected a UUID such as"
              + " 0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5 (Account console, top-right menu)");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** Drops user info, query and fragment from a host text before it goes into a message. */
  static String redact(String text) {
    String out = text;
    int scheme = out.indexOf("://");
    int at = out.indexOf('@');
    if (at >= 0 && scheme >= 0 && at > scheme) {
      out = out.substring(0, scheme + 3) + "****@" + out.substring(at + 1);
    }
    int query = out.indexOf('?');
    if (query >= 0) {
      out = out.substring(0, query) + "?****";
    }
    int fragment = out.indexOf('#');
    if (fragment >= 0) {
      out = out.substring(0, fragment) + "#****";
    }
    return printable(out);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(200).forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** True for an Azure Databricks workspace host ({@code *.azuredatabricks.net}), where on-behalf-of tokens do not exist. */
  public static boolean isAzure(URI host) {
    String h = host.getHost();
    return h != null && h.toLowerCase(java.util.Locale.ROOT).endsWith(".azuredatabricks.net");
  }
}
