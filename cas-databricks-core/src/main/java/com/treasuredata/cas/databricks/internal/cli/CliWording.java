package com.treasuredata.cas.databricks.internal.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the library's advice for the command line: its messages name builder methods (a Java
 * caller's fix), which a command-line user makes with a flag. Methods without a flag stay as they
 * are. JSON output is left alone: programs read it.
 */
final class CliWording {

  private static final Map<String, String> FLAGS = Map.of(
      "adoptServicePrincipal(applicationId)", "--adopt APPLICATION_ID",
      "servicePrincipal(name)", "--service-principal NAME",
      "withoutToken()", "--without-token",
      "withoutGrants()", "--without-grants",
      "allowFirstAllowList()", "--allow-first-allow-list",
      "rotateToken()", "--rotate-token",
      "expectOnboarded()", "--expect-onboarded",
      "workspaceId(..)", "--workspace-id",
      "account(..)", "--account-profile",
      "token(..)", "--token-lifetime");

  /** A builder method named on its own: not part of a longer name, such as {@code oauthToken(..)}. */
  private static final Pattern METHOD = Pattern.compile(
      "(?<![A-Za-z0-9_.])(" + String.join("|", FLAGS.keySet().stream().map(Pattern::quote).toList()) + ")");

  private CliWording() {}

  /** Returns {@code text} with every builder method that has a flag replaced by the flag. */
  static String forCommandLine(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = METHOD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(FLAGS.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
