package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.auth.Credentials;
import com.treasuredata.cas.databricks.internal.auth.ResolvedTarget;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedClientsTest {

  private static ResolvedTarget oauth(String host) {
    return new ResolvedTarget(URI.create(host), new Credentials.OAuthM2m("client-id", Secret.of("generated-fake-secret")), Optional.empty(), "test");
  }

  @Test
  void runsAgainstTheSameTargetShareOneResolvedConfiguration() {
    // given
    SharedClients shared = new SharedClients(request -> TransportResponse.json(200, "{}"));
    AtomicInteger resolved = new AtomicInteger();
    TransportInterceptor made = chain -> chain.proceed(chain.request());
    // when three runs connect to one account and one to another workspace
    for (int run = 0; run < 3; run++) {
      shared.auth(oauth("https://accounts.example.test"), () -> {
        resolved.incrementAndGet();
        return made;
      });
    }
    shared.auth(oauth("https://dbc-1.example.test"), () -> {
      resolved.incrementAndGet();
      return made;
    });
    // then each target was resolved once
    assertThat(resolved).hasValue(2);
    assertThat(shared.resolvedTargets()).isEqualTo(2);
  }
}
