package com.treasuredata.cas.databricks.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar cas-databricks.jar <command> [options]}: the standalone jar's Main-Class.
 *
 * <p>picocli parses the command line: it is well kept, declares options with annotations beside the
 * fields they fill, writes a complete {@code --help} from them, and needs no reflection
 * configuration on the JVM.
 */
@Command(name = "java -jar cas-databricks.jar", mixinStandardHelpOptions = true,
    versionProvider = CasDatabricksCli.Version.class,
    description = {"Onboards a Databricks workspace for Treasure Data CAS: a service principal, its workspace",
        "membership and token usage, a personal access token minted on its behalf, \"Data Reader\" on Unity",
        "Catalog catalogs and the IP allow list. Idempotent: run it again and it writes nothing.", ""},
    subcommands = {PlanCommand.class, ApplyCommand.class, VerifyCommand.class, RenewCommand.class, OffboardCommand.class},
    footer = {"", "Run 'java -jar cas-databricks.jar <command> --help' for a command's options.",
        "Logs go to stderr at WARN; --verbose (or -Dorg.slf4j.simpleLogger.defaultLogLevel=info) shows each request.",
        "", ExitCodes.HELP})
public final class CasDatabricksCli implements Runnable {

  @Spec
  CommandSpec spec;

  private CasDatabricksCli() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with {@code out} and {@code err} and returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CasDatabricksCli());
    cli.setOut(out).setErr(err).setUsageHelpWidth(120);
    cli.setExitCodeExceptionMapper(e -> e instanceof ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("cas-databricks: " + e);
      return ExitCodes.FAILED;
    });
    return cli.execute(args);
  }

  /** No command: say which exist. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: " + String.join(", ", spec.subcommands().keySet()));
  }

  /** The version the build wrote into the jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = CasDatabricksCli.class.getResourceAsStream("/com/treasuredata/cas/databricks/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"cas-databricks " + p.getProperty("version", "unknown")};
    }
  }
}
