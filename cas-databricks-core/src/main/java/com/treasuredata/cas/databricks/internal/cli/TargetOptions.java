package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.DatabricksTarget;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where to connect and as whom: the builder's {@code workspace(..)}, {@code account(..)} and {@code workspaceId(..)}. */
final class TargetOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--workspace-profile", paramLabel = "PROFILE",
      description = "Profile of the Databricks config file for the workspace and its admin. Default: the DATABRICKS_* environment variables (DATABRICKS_HOST with DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET), else the profile DATABRICKS_CONFIG_PROFILE or DEFAULT.")
  String workspaceProfile;

  @Option(names = "--account-profile", paramLabel = "PROFILE",
      description = "Profile for the account console and an account admin (with account_id). Optional: with it the service principal is created in the account and assigned to the workspace; without it, through the workspace.")
  String accountProfile;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "Databricks config file holding the profiles. Default: DATABRICKS_CONFIG_FILE, else ~/.databrickscfg.")
  Path configFile;

  @Option(names = "--workspace-id", paramLabel = "ID",
      description = "Workspace id for the account assignment API (with --account-profile). Default: read from the workspace.")
  Long workspaceId;

  /** Sets the workspace, account and workspace id on {@code builder}; profiles are read here, before any request. */
  CasOnboardingBuilder configure(CasOnboardingBuilder builder) {
    if (configFile != null && workspaceProfile == null && accountProfile == null) {
      throw new ParameterException(spec.commandLine(),
          "--config-file needs --workspace-profile or --account-profile: it only says where those profiles are");
    }
    builder.workspace(workspaceProfile == null ? DatabricksTarget.environment() : profile(workspaceProfile));
    if (accountProfile != null) {
      builder.account(profile(accountProfile));
    }
    if (workspaceId != null) {
      builder.workspaceId(workspaceId);
    }
    return builder;
  }

  private DatabricksTarget profile(String name) {
    return configFile == null ? DatabricksTarget.profile(name) : DatabricksTarget.profile(name, configFile);
  }
}
