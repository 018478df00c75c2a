// A complete CAS onboarding against an in-memory fake Databricks: no account needed.
// (Each line of a chained call ends with a dot: JShell runs a line as soon as it is a complete statement.)
//   jshell --class-path cas-databricks-testkit/target/cas-databricks-testkit.jar docs/jshell/onboard-fake.jsh
// Afterwards `fake`, `onboarding` and `result` stay defined to explore (/exit to leave).
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the testkit jar logs at INFO; only the tables here
import com.treasuredata.cas.databricks.*;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.time.Duration;

var fake = FakeDatabricks.create();
var onboarding = CasOnboarding.builder().
    workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken())).
    transport(fake.transport()).
    clock(fake.clock().asClock()).
    servicePrincipal("TD-CAS-Service").
    token(Duration.ofDays(90)).
    grant(CatalogGrant.dataReader("cas_demo_east1")).
    build();

System.out.println(onboarding.plan());
var result = onboarding.apply();
System.out.println(result);
System.out.println("Second run: " + onboarding.apply().writeCount() + " writes");
