package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IsolationTest {

  @Test
  void twoFakesInParallelThreadsDoNotSeeEachOther() throws Exception {
    // given
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<FakeDatabricks> scenario = () -> {
        FakeDatabricks fake = FakeDatabricks.create();
        Onboard onboard = new Onboard(fake);
        for (int i = 0; i < 20; i++) {
          onboard.onboarded(onboard.createSp("sp-" + i));
        }
        return fake;
      };

      // when
      Future<FakeDatabricks> a = pool.submit(scenario);
      Future<FakeDatabricks> b = pool.submit(scenario);
      FakeDatabricks fa = a.get();
      FakeDatabricks fb = b.get();

      // then
      assertThat(fa.account().servicePrincipals()).hasSize(20);
      assertThat(fb.account().servicePrincipals()).hasSize(20);
      assertThat(fa.workspace().tokens()).hasSize(20);
      assertThat(fa.adminToken()).isNotEqualTo(fb.adminToken());
      assertThat(Api.workspace(fa).as(fb.adminToken()).get("/api/2.0/preview/scim/v2/Me").status()).isEqualTo(403);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneFakeServesConcurrentRequestsConsistently() throws Exception {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();

      // when
      for (int i = 0; i < 40; i++) {
        int n = i;
        results.add(pool.submit(() -> new Onboard(fake).account.post(
            new Onboard(fake).account.accountPath("/scim/v2/ServicePrincipals"), Api.json("displayName", "p" + n)).status()));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(201);
      }

      // then
      assertThat(fake.account().servicePrincipals()).hasSize(40);
      assertThat(fake.journal().count()).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
  }
}
