package com.treasuredata.cas.databricks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/*.md stand on their own: every relative link reaches a file (and heading) of
 * the repository, external links go only to public Databricks and Treasure Data documentation, and
 * no page points at an issue number or at material outside the repository.
 */
class DocsLinksTest {

  /** Hosts a page may link to, with the path a link must start with there. */
  private static final List<String[]> ALLOWED = List.of(
      new String[] {"docs.databricks.com", "/"},
      new String[] {"databricks.com", "/"},
      new String[] {"www.databricks.com", "/"},
      new String[] {"learn.microsoft.com", "/azure/databricks"},
      new String[] {"learn.microsoft.com", "/en-us/azure/databricks"},
      new String[] {"docs.treasuredata.com", "/"},
      new String[] {"treasuredata.com", "/"},
      new String[] {"www.treasuredata.com", "/"});

  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern BARE_URL = Pattern.compile("(?<![(<\\w])https?://[^\\s)>\\]]+");
  private static final Pattern ISSUE_NUMBER = Pattern.compile("(?<![\\w&/])#\\d+\\b");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  private static Path root;
  private static List<Path> pages;

  @BeforeAll
  static void findThePages() throws IOException {
    root = Paths.get("..").toAbsolutePath().normalize();
    assertThat(root.resolve("README.md")).as("the repository root").isRegularFile();
    List<Path> found = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(found::add);
    }
    pages = found;
  }

  @Test
  void everyRelativeLinkReachesAFileAndHeadingOfTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
          continue; // absolute: the next test
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
          broken.add(name(page) + ": " + target + " (no such file in the repository)");
        } else if (hash >= 0 && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(name(page) + ": " + target + " (no such heading in " + name(resolved) + ")");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void linksLeaveTheRepositoryOnlyForDatabricksAndTreasureDataDocumentation() throws IOException {
    List<String> outside = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*") && !allowed(target)) {
          outside.add(name(page) + ": " + target);
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void noPageCitesAnIssueNumberOrMaterialOutsideTheRepository() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path page : pages) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      Matcher issue = ISSUE_NUMBER.matcher(text);
      while (issue.find()) {
        found.add(name(page) + ": " + issue.group());
      }
      if (text.contains("../shared")) {
        found.add(name(page) + ": ../shared");
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theLinkReaderFindsMarkdownLinksAndBareUrlsButNotCode() {
    // given
    String text = "See [usage](docs/usage.md#the-token) and https://docs.databricks.com/x.\n"
        + "`https://in.code.example` and\n```\nhttps://in.fence.example\n```\n";

    // then
    assertThat(linksIn(text)).containsExactly("docs/usage.md#the-token", "https://docs.databricks.com/x.");
  }

  private static List<String> links(Path page) throws IOException {
    return linksIn(Files.readString(page, StandardCharsets.UTF_8));
  }

  private static List<String> linksIn(String markdown) {
    String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
    List<String> links = new ArrayList<>();
    Matcher link = LINK.matcher(text);
    while (link.find()) {
      links.add(link.group(1));
    }
    Matcher bare = BARE_URL.matcher(LINK.matcher(text).replaceAll(""));
    while (bare.find()) {
      links.add(bare.group());
    }
    return links;
  }

  private static boolean allowed(String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    return "https".equals(uri.getScheme())
        && ALLOWED.stream().anyMatch(allowed -> allowed[0].equals(host) && path.startsWith(allowed[1]));
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  private static Set<String> anchors(Path page) throws IOException {
    String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
    List<String> slugs = new ArrayList<>();
    Matcher heading = HEADING.matcher(text);
    while (heading.find()) {
      String slug = heading.group(1).toLowerCase(Locale.ROOT)
          .replaceAll("[`*_]", "")
          .replaceAll("[^\\p{L}\\p{N} -]", "")
          .replace(' ', '-');
      long seen = slugs.stream().filter(s -> s.equals(slug) || s.matches(Pattern.quote(slug) + "-\\d+")).count();
      slugs.add(seen == 0 ? slug : slug + "-" + seen);
    }
    return Set.copyOf(slugs);
  }

  private static String name(Path page) {
    return root.relativize(page).toString().replace('\\', '/');
  }
}
