// Plan, and on request apply, against the workspace of a Databricks config profile.
//   jshell -R-Dcas.profile=admin -R-Dcas.catalog=my_catalog \
//       --class-path cas-databricks-core/target/cas-databricks.jar docs/jshell/profile.jsh
// Settings (JShell passes -R-D... to the code): cas.profile (default DEFAULT), cas.accountProfile
// (optional: an account admin's profile), cas.servicePrincipal (default TD-CAS-Service),
// cas.catalog (required), cas.tokenDays (default 90), cas.apply=true to apply after the plan.
// The profiles come from ~/.databrickscfg, or the file DATABRICKS_CONFIG_FILE names.
// JShell stays open afterwards: `result.token()` holds a minted token as a Secret; store
// `result.token().get().reveal()` before /exit, since its value cannot be read back later.
import com.treasuredata.cas.databricks.*;
import java.time.Duration;

var builder = CasOnboarding.builder().
    workspace(DatabricksTarget.profile(System.getProperty("cas.profile", "DEFAULT"))).
    servicePrincipal(System.getProperty("cas.servicePrincipal", "TD-CAS-Service")).
    token(Duration.ofDays(Long.parseLong(System.getProperty("cas.tokenDays", "90")))).
    grant(CatalogGrant.dataReader(System.getProperty("cas.catalog")));
if (System.getProperty("cas.accountProfile") != null) {
  builder.account(DatabricksTarget.profile(System.getProperty("cas.accountProfile")));
}
var onboarding = builder.build();

var plan = onboarding.plan();
System.out.println(plan);
OnboardingResult result = null;
if (Boolean.getBoolean("cas.apply")) {
  result = onboarding.apply(plan);
  System.out.println(result);
} else {
  System.out.println("Nothing applied. Apply exactly this plan with: var result = onboarding.apply(plan);");
}
